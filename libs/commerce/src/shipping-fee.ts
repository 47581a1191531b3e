/** A line as the shipping rule sees it: its listing's shipping terms at the current price. */
export interface ShippingLine {
  unitPrice: number;
  quantity: number;
  shippingFee: number;
  /** Null: never free. */
  freeShippingOver: number | null;
}

export interface AgencyShipping {
  /** Σ list price × quantity, before coupons. */
  itemsTotal: number;
  shippingFee: number;
  /** How much more in items would make shipping free; null when it is free already or cannot be. */
  freeShippingRemaining: number | null;
}

const thresholdOf = (line: ShippingLine) => line.freeShippingOver ?? Number.POSITIVE_INFINITY;

/**
 * One shipping fee per agency order (docs/RULES.md §15, 묶음배송): the fee line is the line with the largest
 * `shippingFee`, ties going to the smallest `freeShippingOver`; the fee is that line's, or 0 once the
 * items total reaches that line's threshold.
 */
export function agencyShipping(lines: readonly ShippingLine[]): AgencyShipping {
  const itemsTotal = lines.reduce((sum, line) => sum + line.unitPrice * line.quantity, 0);
  const feeLine = lines.reduce<ShippingLine | null>((best, line) => {
    if (!best || line.shippingFee > best.shippingFee) return line;
    return line.shippingFee === best.shippingFee && thresholdOf(line) < thresholdOf(best) ? line : best;
  }, null);
  if (!feeLine || feeLine.shippingFee === 0) return { itemsTotal, shippingFee: 0, freeShippingRemaining: null };
  const free = feeLine.freeShippingOver !== null && itemsTotal >= feeLine.freeShippingOver;
  return {
    itemsTotal,
    shippingFee: free ? 0 : feeLine.shippingFee,
    freeShippingRemaining: feeLine.freeShippingOver !== null && !free ? feeLine.freeShippingOver - itemsTotal : null,
  };
}
