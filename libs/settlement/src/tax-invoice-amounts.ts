import { vatInside } from './settlement-math.js';

/** The money columns of a tax invoice (docs/RULES.md §23). */
export interface TaxInvoiceAmounts {
  total: number;
  taxFreeAmount: number;
  vat: number;
  supplyValue: number;
}

/** What an order line contributes: its paid amount, what went back on it, whether any unit was kept, 면세. */
export interface TaxInvoiceLine {
  paidAmount: number;
  refundedAmount: number;
  keptQuantity: number;
  taxFree: boolean;
}

/** The split of what was kept: vat = round(taxable / 11), supplyValue = taxable − vat. */
export function splitKept(total: number, taxFreeAmount: number): TaxInvoiceAmounts {
  const vat = vatInside(total - taxFreeAmount);
  return { total, taxFreeAmount, vat, supplyValue: total - taxFreeAmount - vat };
}

/**
 * An order: total = paid − refunded (shipping included); taxFreeAmount = the kept paid amount of tax-free
 * lines, plus the shipping kept when every kept line is tax-free. With no line kept (all returned, a
 * return-shipping deduction kept) the shipping follows the order's lines: tax-free only when all of them are.
 */
export function orderTaxInvoiceAmounts(order: { total: number; refundedAmount: number }, lines: readonly TaxInvoiceLine[]): TaxInvoiceAmounts {
  const total = order.total - order.refundedAmount;
  const keptOf = (line: TaxInvoiceLine) => Math.max(line.paidAmount - line.refundedAmount, 0);
  const shipping = Math.max(total - lines.reduce((sum, line) => sum + keptOf(line), 0), 0);
  const kept = lines.filter((line) => line.keptQuantity > 0);
  const shippingTaxFree = (kept.length ? kept : lines).every((line) => line.taxFree);
  const taxFreeLines = lines.filter((line) => line.taxFree).reduce((sum, line) => sum + keptOf(line), 0);
  return splitKept(total, Math.min(taxFreeLines + (shippingTaxFree ? shipping : 0), total));
}

/** A reservation: total = paid − refunded, all tax-free or all taxable as its service was when paid. */
export function reservationTaxInvoiceAmounts(reservation: { amount: number; refundedAmount: number }, taxFree: boolean): TaxInvoiceAmounts {
  const total = reservation.amount - reservation.refundedAmount;
  return splitKept(total, taxFree ? total : 0);
}
