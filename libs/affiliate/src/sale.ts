/**
 * The sale a commission is for (docs/RULES.md §10, §21): a reservation or one goods order line, never both.
 * Every commission change goes through CommissionService with this key, whichever library sold it.
 */
export type SaleKey = { reservationId: string; orderLineId?: undefined } | { orderLineId: string; reservationId?: undefined };

/** The commission column that names the sale, and the sale's id. */
export function saleColumnOf(sale: SaleKey): { column: 'reservation_id' | 'order_line_id'; id: string } {
  return sale.orderLineId === undefined ? { column: 'reservation_id', id: sale.reservationId } : { column: 'order_line_id', id: sale.orderLineId };
}
