import { applyBps, prorate } from '../../common/src/index.js';
import { keptDiscountsOf as commerceKeptDiscountsOf } from '../../commerce/src/index.js';

/** The columns of one settlement line (docs/RULES.md §22); a statement is their sum. */
export interface SettlementAmounts {
  grossSales: number;
  returns: number;
  agencyDiscount: number;
  platformDiscount: number;
  salesBase: number;
  platformFee: number;
  commission: number;
  shipping: number;
  adjustment: number;
}

/** Net of a line or a statement: salesBase − platformFee − commission + shipping + adjustment. */
export function netOf(amounts: SettlementAmounts): number {
  return amounts.salesBase - amounts.platformFee - amounts.commission + amounts.shipping + amounts.adjustment;
}

const ZERO: SettlementAmounts = {
  grossSales: 0,
  returns: 0,
  agencyDiscount: 0,
  platformDiscount: 0,
  salesBase: 0,
  platformFee: 0,
  commission: 0,
  shipping: 0,
  adjustment: 0,
};

/** A discount on the units the buyer kept, split by who funds it (docs/RULES.md §19, §22). */
export interface KeptDiscounts {
  agencyFunded: number;
  platformFunded: number;
}

/** What settlement needs of a final order line. */
export interface FinalOrderLine {
  unitPrice: number;
  quantity: number;
  /** Units neither cancelled nor returned. */
  keptQuantity: number;
  /** Discounts on the kept units, split by funder (see keptDiscountsOf). */
  keptDiscounts: KeptDiscounts;
  /** Commission earned on the line once final: amount − reversed, 0 when reversed (docs/RULES.md §21). */
  commission: number;
}

/**
 * The funder split of a line's discount on its kept units (docs/RULES.md §19, §22): commerce's refund math splits
 * what went back, so what is kept is split the same way; this is the one place settlement reads the split.
 */
export function keptDiscountsOf(line: {
  unitPrice: number;
  quantity: number;
  cancelledQuantity: number;
  returnedQuantity: number;
  itemDiscount: number;
  platformDiscount: number;
  refundedAmount: number;
}): KeptDiscounts {
  return commerceKeptDiscountsOf({
    unitPrice: line.unitPrice,
    quantity: line.quantity,
    itemDiscount: line.itemDiscount,
    agencyDiscount: line.itemDiscount - line.platformDiscount,
    unitsGone: line.cancelledQuantity + line.returnedQuantity,
    refundedAmount: line.refundedAmount,
  });
}

/**
 * A platform-funded FREE_SHIPPING waiver on an order (docs/RULES.md §19, §22), credited to the agency as shipping
 * unless the shipping went back with a refund, which gave the waiver back to the platform too.
 */
export function platformShippingWaiverOf(order: { platformShippingDiscount: number; shippingRefunded: boolean }): number {
  return order.shippingRefunded ? 0 : order.platformShippingDiscount;
}

/** ORDER_LINE: grossSales p·q, returns p·(q − k), salesBase p·k − Da, fee on salesBase (docs/RULES.md §22). */
export function orderLineAmounts(line: FinalOrderLine, feeRateBps: number): SettlementAmounts {
  const salesBase = line.unitPrice * line.keptQuantity - line.keptDiscounts.agencyFunded;
  return {
    ...ZERO,
    grossSales: line.unitPrice * line.quantity,
    returns: line.unitPrice * (line.quantity - line.keptQuantity),
    agencyDiscount: line.keptDiscounts.agencyFunded,
    platformDiscount: line.keptDiscounts.platformFunded,
    salesBase,
    platformFee: applyBps(salesBase, feeRateBps),
    commission: line.keptQuantity === 0 ? 0 : line.commission,
  };
}

/** SHIPPING: the buyer-paid fee not refunded, a platform-funded waiver and return deductions kept. */
export function shippingAmounts(shippingKept: number): SettlementAmounts {
  return { ...ZERO, shipping: shippingKept };
}

/**
 * What the agency keeps of an order's shipping: the buyer's money kept on the order less what it kept on
 * the lines (this is the fee not refunded plus return-shipping deductions), plus a platform-funded waiver.
 */
export function shippingKeptOf(
  order: { total: number; refundedAmount: number; platformShippingDiscount: number; shippingRefunded: boolean },
  lines: ReadonlyArray<{ paidAmount: number; refundedAmount: number }>,
): number {
  const keptOnLines = lines.reduce((sum, line) => sum + line.paidAmount - line.refundedAmount, 0);
  return order.total - order.refundedAmount - keptOnLines + platformShippingWaiverOf(order);
}

/** RESERVATION: grossSales = amount, returns = refunded, salesBase = amount − refunded. */
export function reservationAmounts(reservation: { amount: number; refundedAmount: number; commission: number }, feeRateBps: number): SettlementAmounts {
  const salesBase = reservation.amount - reservation.refundedAmount;
  return {
    ...ZERO,
    grossSales: reservation.amount,
    returns: reservation.refundedAmount,
    salesBase,
    platformFee: applyBps(salesBase, feeRateBps),
    commission: reservation.commission,
  };
}

/**
 * POST_SETTLEMENT_REFUND of R on a sale settled with `settledBase`: salesBase −R, the fee given back is the
 * fee before less the fee on what remains (as §9–§10), and the unpaid commission reversed is given back.
 */
export function postSettlementRefundAmounts(
  refund: { amount: number; settledBase: number; commissionReversed: number },
  feeRateBps: number,
): SettlementAmounts {
  const feeBack = applyBps(refund.settledBase, feeRateBps) - applyBps(refund.settledBase - refund.amount, feeRateBps);
  return { ...ZERO, returns: refund.amount, salesBase: -refund.amount, platformFee: -feeBack, commission: -refund.commissionReversed };
}

/** ADJUSTMENT and CARRIED_BALANCE: an amount of either sign. */
export function adjustmentAmounts(amount: number): SettlementAmounts {
  return { ...ZERO, adjustment: amount };
}

/** The statement's columns: the sum of its lines' (docs/RULES.md §22). */
export function sumAmounts(lines: readonly SettlementAmounts[]): SettlementAmounts {
  return lines.reduce<SettlementAmounts>(
    (sum, line) => ({
      grossSales: sum.grossSales + line.grossSales,
      returns: sum.returns + line.returns,
      agencyDiscount: sum.agencyDiscount + line.agencyDiscount,
      platformDiscount: sum.platformDiscount + line.platformDiscount,
      salesBase: sum.salesBase + line.salesBase,
      platformFee: sum.platformFee + line.platformFee,
      commission: sum.commission + line.commission,
      shipping: sum.shipping + line.shipping,
      adjustment: sum.adjustment + line.adjustment,
    }),
    ZERO,
  );
}

/** The VAT inside a VAT-inclusive amount: round(amount / 11), half away from zero (docs/RULES.md §14). */
export function vatInside(amount: number): number {
  return Math.sign(amount) * prorate(Math.abs(amount) * 2 + 11, 1, 22);
}

/** The VAT inside the VAT-inclusive fee, for the platform's tax invoice. */
export function platformFeeVatOf(platformFee: number): number {
  return vatInside(platformFee);
}
