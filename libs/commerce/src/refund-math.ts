import { applyBps, prorate } from '../../common/src/index.js';

/** A line as a refund finds it: what was bought, and what has gone back already (docs/RULES.md §18). */
export interface RefundableLine {
  unitPrice: number;
  quantity: number;
  /** D: the line's item discount, whoever funds it. */
  itemDiscount: number;
  /** The part of D the agency funds; the rest the platform funds (coupons, docs/RULES.md §19). */
  agencyDiscount: number;
  /** Units already cancelled or returned. */
  unitsGone: number;
  /** Won already refunded on the line, before any deduction. */
  refundedAmount: number;
}

/** One line's part of one refund. */
export interface LineRefundShare {
  /** Won back to the buyer for the line, before any deduction. */
  amount: number;
  /** What the agency gives back: the units at list price less its own discount on them. */
  agencyGross: number;
  /** The platform fee given back with it. */
  fee: number;
  /** The platform-funded discount given back: the platform no longer pays it (PLATFORM_PROMOTIONS). */
  platformDiscount: number;
}

export function paidAmountOf(line: Pick<RefundableLine, 'unitPrice' | 'quantity' | 'itemDiscount'>): number {
  return line.unitPrice * line.quantity - line.itemDiscount;
}

/** What the agency sold the line for: list price less its own discount; the platform fee is measured on it (docs/RULES.md §19, §22). */
export function salesBaseOf(line: Pick<RefundableLine, 'unitPrice' | 'quantity' | 'agencyDiscount'>): number {
  return line.unitPrice * line.quantity - line.agencyDiscount;
}

/** Units of the line that have not been cancelled or returned. */
export function unitsLeftOf(line: Pick<RefundableLine, 'quantity' | 'unitsGone'>): number {
  return line.quantity - line.unitsGone;
}

/**
 * docs/RULES.md §18: r units of a line of q units at p with item discount D give back r·p − floor(D·r/q); the
 * line's last units get whatever remains of its paidAmount. Clamped to what remains, so that refunds never add
 * up to more than was paid even when a line is discounted to a few won a unit.
 */
export function unitsRefundAmount(line: RefundableLine, units: number): number {
  const left = unitsLeftOf(line);
  if (!Number.isSafeInteger(units) || units < 1 || units > left) throw new RangeError(`Cannot refund ${units} of the ${left} units left on the line`);
  const remaining = paidAmountOf(line) - line.refundedAmount;
  if (units === left) return remaining;
  return Math.min(units * line.unitPrice - prorate(line.itemDiscount, units, line.quantity), remaining);
}

/**
 * The agency's part of the discount given back once `discountBack` of D has been, cumulatively:
 * floor(D_agency × discountBack / D), the one rounding of the funders' split. It is D_agency when all of D is
 * back, so the agency ends crediting exactly p per kept unit less its own discount on them.
 */
function agencyDiscountBack(line: RefundableLine, discountBack: number): number {
  return line.itemDiscount === 0 ? 0 : prorate(line.agencyDiscount, discountBack, line.itemDiscount);
}

/** The platform-funded part of D not yet given back once `discountBack` of D has been. */
function platformDiscountLeft(line: RefundableLine, discountBack: number): number {
  const back = Math.min(Math.max(discountBack, 0), line.itemDiscount);
  return line.itemDiscount - line.agencyDiscount - (back - agencyDiscountBack(line, back));
}

/**
 * What is left of D on the units not cancelled or returned, split by funder with the same one rounding as the
 * refunds that gave the rest back: settlement's agency and platform discounts (docs/RULES.md §22).
 */
export function keptDiscountsOf(line: RefundableLine): { agencyFunded: number; platformFunded: number } {
  const back = Math.min(Math.max(discountBackOf(line), 0), line.itemDiscount);
  return { agencyFunded: line.agencyDiscount - agencyDiscountBack(line, back), platformFunded: platformDiscountLeft(line, back) };
}

/** Of D, how much has gone back with the refunds so far (refunds of units give back their share of it). */
function discountBackOf(line: RefundableLine): number {
  return line.unitsGone * line.unitPrice - line.refundedAmount;
}

/**
 * The platform fee given back when the line's sales base still kept goes from `before` to `after`: the fee on
 * what remains, recomputed (floor, once), so every refund sequence gives back at most the fee taken at payment
 * (applyBps per line on its sales base, docs/RULES.md §16, §22) and exactly it once the line is fully refunded.
 */
function feeBack(before: number, after: number, rateBps: number): number {
  return applyBps(before, rateBps) - applyBps(after, rateBps);
}

/** Refunding `units` of the line: the buyer's amount, the agency's gross and the fee given back. */
export function unitsRefund(line: RefundableLine, units: number, rateBps: number): LineRefundShare {
  const amount = unitsRefundAmount(line, units);
  const remaining = paidAmountOf(line) - line.refundedAmount;
  const discountBefore = line.unitsGone * line.unitPrice - line.refundedAmount;
  const discountAfter = (line.unitsGone + units) * line.unitPrice - (line.refundedAmount + amount);
  const agencyDiscount = agencyDiscountBack(line, discountAfter) - agencyDiscountBack(line, discountBefore);
  const baseBefore = remaining + platformDiscountLeft(line, discountBefore);
  const baseAfter = remaining - amount + platformDiscountLeft(line, discountAfter);
  return {
    amount,
    agencyGross: units * line.unitPrice - agencyDiscount,
    fee: feeBack(baseBefore, baseAfter, rateBps),
    platformDiscount: discountAfter - discountBefore - agencyDiscount,
  };
}

/** A refund of money without units (the provider's own, an operator's): the agency gives it all back, less the fee. */
export function amountRefund(line: RefundableLine, amount: number, rateBps: number): LineRefundShare {
  const remaining = paidAmountOf(line) - line.refundedAmount;
  if (!Number.isSafeInteger(amount) || amount < 0 || amount > remaining)
    throw new RangeError(`Cannot refund ${amount} of the ${remaining} won left on the line`);
  const base = remaining + platformDiscountLeft(line, discountBackOf(line));
  return { amount, agencyGross: amount, fee: feeBack(base, base - amount, rateBps), platformDiscount: 0 };
}

/** What one refund of an order moves, in won. */
export interface RefundPlan {
  /** Paid back to the buyer: the lines' amounts and the shipping, less the deduction. */
  moneyBack: number;
  /** Taken from the money paid back and kept by the agency (a change-of-mind return's shipping); ≤ the refund. */
  deduction: number;
  /** What the agency's payable gives back. */
  agencyDebit: number;
  /** What the platform's fee revenue gives back. */
  feeDebit: number;
  /** The platform-funded discounts (items and shipping) given back: PLATFORM_PROMOTIONS is credited them. */
  platformDiscountBack: number;
}

/**
 * The order-level sums of one refund: line shares, plus `shipping` refunded (no fee is taken on shipping) with
 * `platformShipping`, the platform-waived shipping the agency was credited and gives back, less a `deduction`
 * never above the refund. agencyDebit + feeDebit = moneyBack + platformDiscountBack, so the ledger entry balances
 * exactly.
 */
export function planRefund(shares: readonly LineRefundShare[], shipping: number, deduction: number, platformShipping = 0): RefundPlan {
  const sum = (amount: (share: LineRefundShare) => number) => shares.reduce((total, share) => total + amount(share), 0);
  const refund = sum((share) => share.amount) + shipping;
  const kept = Math.min(deduction, refund);
  const feeDebit = sum((share) => share.fee);
  const agencyDebit = sum((share) => share.agencyGross) - feeDebit + shipping + platformShipping - kept;
  return { moneyBack: refund - kept, deduction: kept, agencyDebit, feeDebit, platformDiscountBack: sum((share) => share.platformDiscount) + platformShipping };
}

/**
 * `amount` spread over `weights` in proportion (floor), the won left over to the largest weight (the first of
 * equals), then the next largest when that one is full: how a refund without units is spread over lines and
 * orders (docs/RULES.md §18, `refundOrder`). No part exceeds its weight.
 */
export function spread(amount: number, weights: readonly number[]): number[] {
  const whole = weights.reduce((sum, weight) => sum + weight, 0);
  if (!Number.isSafeInteger(amount) || amount < 0 || amount > whole) throw new RangeError(`Cannot spread ${amount} won over ${whole}`);
  if (amount === 0) return weights.map(() => 0);
  const parts = weights.map((weight) => prorate(amount, weight, whole));
  let leftover = amount - parts.reduce((sum, part) => sum + part, 0);
  const largestFirst = weights.map((weight, index) => ({ weight, index })).sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const { weight, index } of largestFirst) {
    const added = Math.min(leftover, weight - parts[index]);
    parts[index] += added;
    leftover -= added;
  }
  return parts;
}
