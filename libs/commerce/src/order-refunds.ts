import { Injectable, Logger } from '@nestjs/common';
import { In } from 'typeorm';
import { ClockService, RequestContext, TransactionalConnection } from '../../common/src/index.js';
import { AccountKind, account } from '../../ledger/src/index.js';
import { PaymentService, type AllocationLine, type Payment } from '../../payments/src/index.js';
import { Checkout } from './checkout.entity.js';
import { OrderTransitions } from './commerce-transitions.js';
import { OrderEvents, type OrderLineRefund } from './order-events.js';
import { OrderLine } from './order-line.entity.js';
import { Order, OrderStatus } from './order.entity.js';
import { amountRefund, planRefund, spread, unitsRefund, type LineRefundShare, type RefundPlan, type RefundableLine } from './refund-math.js';

/** Units of one line that leave the order with a refund. */
export interface UnitsBack {
  line: OrderLine;
  quantity: number;
}

/** One business event's refund of units of one order (a cancellation, a return). */
export interface UnitsRefundRequest {
  /** Locked by the caller (OrderTransitions.lock): every change to an order's lines and money queues on it. */
  order: Order;
  /** Its lines as they are before this event, with the units leaving each. */
  units: readonly UnitsBack[];
  /** Where the units go: cancelled before shipment, or returned. */
  goneAs: 'cancelledQuantity' | 'returnedQuantity';
  /** The order's shipping fee too: nothing of it was or will be shipped, or nothing of it is kept (docs/RULES.md §18). */
  refundShipping: boolean;
  /** A change-of-mind return's shipping, taken from the money paid back (never more than it) and kept by the agency. */
  deduction?: number;
  /** Names the business event, e.g. `order-cancel:<orderId>:<units cancelled before>`: asking again refunds once. */
  refundKey: string;
  reason: string;
}

/** Orders never paid are never refunded (the provider's refund of a lapsed checkout is refused at capture). */
const UNPAID = [OrderStatus.PENDING_PAYMENT, OrderStatus.EXPIRED];

/**
 * The refund engine of goods orders (docs/RULES.md §16, §18): every refund is a partial cancel of the checkout's
 * one payment through PaymentService, keyed by its business event. In the same transaction the lines', the
 * order's and the checkout's `refundedAmount` follow, the ledger reverses the capture's split exactly (the
 * agency's payable and the platform fee, refund-math.ts), and OrderLinesRefunded is published.
 */
@Injectable()
export class OrderRefunds {
  private readonly logger = new Logger(OrderRefunds.name);

  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
    private readonly payments: PaymentService,
    private readonly orders: OrderTransitions,
    private readonly events: OrderEvents,
  ) {}

  /**
   * Takes the units off their lines and pays back r·p − floor(D·r/q) per line (the last units what remains),
   * plus the shipping fee when asked. Answers the won paid back by this call: 0 when nothing was paid for
   * the units, or when the refund key was used before (that refund was booked when it happened).
   */
  async refundUnits(ctx: RequestContext, request: UnitsRefundRequest): Promise<number> {
    const { order, units, goneAs } = request;
    const { refunds, plan } = planUnitsRefund(order, units, request.refundShipping, request.deduction ?? 0);
    for (const { line, quantity } of units) {
      await this.connection.updateLocked(ctx, OrderLine, line, (row) => (row[goneAs] += quantity));
    }
    if (request.refundShipping) await this.connection.updateLocked(ctx, Order, order, (row) => (row.shippingRefunded = true));
    return this.payBack(ctx, order, refunds, plan, request);
  }

  /**
   * An operator's `refundOrder` (docs/RULES.md §18): `amount` spread over the order's lines in proportion to what
   * each still has paid (floor, the leftover won to the largest), no unit changing. Answers the won paid back.
   */
  async refundAmount(
    ctx: RequestContext,
    request: { order: Order; lines: readonly OrderLine[]; amount: number; refundKey: string; reason: string },
  ): Promise<number> {
    const refunds = amountRefundsOf(request.order, request.lines, request.amount);
    const plan = planRefund(
      refunds.map(({ share }) => share),
      0,
      0,
    );
    return this.payBack(ctx, request.order, refunds, plan, request);
  }

  /** Pays `plan` back through the checkout's payment under the request's key and records it; nothing paid is only recorded. */
  private async payBack(
    ctx: RequestContext,
    order: Order,
    refunds: ReadonlyArray<{ line: OrderLine; share: LineRefundShare }>,
    plan: RefundPlan,
    request: { refundKey: string; reason: string },
  ): Promise<number> {
    const paymentId = await this.paymentIdOf(ctx, order);
    if (plan.moneyBack === 0 || !paymentId) {
      await this.record(ctx, order, refunds, plan, null);
      return 0;
    }
    let paidBack = 0;
    await this.payments.refund(ctx, { paymentId, amount: plan.moneyBack, reason: request.reason, refundKey: request.refundKey }, async (ctx, payment) => {
      paidBack = plan.moneyBack;
      return this.record(ctx, order, refunds, plan, payment);
    });
    return paidBack;
  }

  /** The payment that paid the order: its checkout's, or its own (a subscription delivery). */
  private async paymentIdOf(ctx: RequestContext, order: Order): Promise<string | null> {
    if (!order.checkoutId) return order.paymentId;
    return (await this.connection.getRepository(ctx, Checkout).findOneByOrFail({ id: order.checkoutId })).paymentId;
  }

  /**
   * A refund of the checkout's (or a subscription delivery's) payment made at the provider's side (found by reconciliation or a webhook),
   * which no cancellation or return asked for. The money is gone, so it is recorded: spread over the paid orders
   * in proportion to what each still has paid, and within each over its lines the same way (the shipping
   * fee last), as an operator's `refundOrder` spreads (docs/RULES.md §18). No unit changes; an operator is
   * told to look (the refund is also kept as not requested by us).
   */
  async recordProviderRefund(ctx: RequestContext, payment: Payment, amount: number): Promise<AllocationLine[]> {
    const found = await this.connection
      .getRepository(ctx, Order)
      .find({ select: { id: true }, where: [{ checkoutId: payment.referenceId }, { paymentId: payment.id }], order: { id: 'ASC' } });
    const orders: Order[] = [];
    for (const { id } of found) orders.push(await this.orders.lock(ctx, id));
    const paid = orders.filter((order) => !UNPAID.includes(order.status));
    const allLines = await this.connection
      .getRepository(ctx, OrderLine)
      .find({ where: { orderId: In(paid.map((order) => order.id)) }, order: { position: 'ASC' } });
    const parts = spread(
      amount,
      paid.map((order) => order.total - order.refundedAmount),
    );
    const allocation: AllocationLine[] = [];
    for (const [index, order] of paid.entries()) {
      if (parts[index] === 0) continue;
      const lines = allLines.filter((line) => line.orderId === order.id);
      const forLines = Math.min(
        parts[index],
        lines.reduce((sum, line) => sum + line.paidAmount - line.refundedAmount, 0),
      );
      const refunds = amountRefundsOf(order, lines, forLines);
      const plan = planRefund(
        refunds.map(({ share }) => share),
        parts[index] - forLines,
        0,
      );
      allocation.push(...(await this.record(ctx, order, refunds, plan, payment)));
    }
    this.logger.warn(
      { paymentId: payment.id, checkoutId: payment.referenceId, amount },
      'A checkout payment was refunded at the provider without a cancellation or return: recorded over its orders; an operator should review it',
    );
    return allocation;
  }

  /**
   * The money side of one refund on a locked order: the lines' and the order's refunded totals, the checkout's
   * (the payment's total, as every refund of a checkout goes through its one payment), OrderLinesRefunded, and
   * the ledger's debits (the agency's payable and the fee revenue).
   */
  private async record(
    ctx: RequestContext,
    order: Order,
    refunds: ReadonlyArray<{ line: OrderLine; share: LineRefundShare }>,
    plan: RefundPlan,
    payment: Payment | null,
  ): Promise<AllocationLine[]> {
    const given: OrderLineRefund[] = [];
    for (const { line, share } of refunds) {
      if (share.amount === 0) continue;
      await this.connection.updateLocked(ctx, OrderLine, line, (row) => (row.refundedAmount += share.amount));
      given.push({ line, amount: share.amount });
    }
    await this.connection.updateLocked(ctx, Order, order, (row) =>
      Object.assign(row, { refundedAmount: row.refundedAmount + plan.moneyBack, updatedAt: this.clock.now() }),
    );
    if (payment && order.checkoutId)
      await this.connection.getRepository(ctx, Checkout).update({ id: order.checkoutId }, { refundedAmount: payment.refundedAmount });
    if (given.length) await this.events.publish(ctx, 'OrderLinesRefunded', { order, refunds: given });
    // The platform-funded discount given back is credited to PLATFORM_PROMOTIONS (a negative debit line).
    const debits: AllocationLine[] = [
      { account: account(AccountKind.PARTNER_AGENCY_PAYABLE, order.partnerAgencyId), amount: plan.agencyDebit },
      { account: account(AccountKind.PLATFORM_REVENUE_FEES), amount: plan.feeDebit },
      { account: account(AccountKind.PLATFORM_PROMOTIONS), amount: -plan.platformDiscountBack },
    ];
    return debits.filter((debit) => debit.amount !== 0);
  }
}

/**
 * What refunding `units` of the order would move, nothing written: the refund engine's plan for a cancellation
 * or a return, and a return's estimate before it completes (docs/RULES.md §18).
 */
export function planUnitsRefund(
  order: Order,
  units: readonly UnitsBack[],
  refundShipping: boolean,
  deduction: number,
): { refunds: Array<{ line: OrderLine; share: LineRefundShare }>; plan: RefundPlan } {
  const rateBps = order.platformFeeRateBps ?? 0;
  const refunds = units.map(({ line, quantity }) => ({ line, share: unitsRefund(refundableOf(line), quantity, rateBps) }));
  const plan = planRefund(
    refunds.map(({ share }) => share),
    refundShipping ? shippingPaidOf(order) : 0,
    deduction,
    refundShipping ? order.platformShippingDiscount : 0,
  );
  return { refunds, plan };
}

/** `amount` over the order's lines in proportion to what each still has paid (floor, leftover to the largest), as money without units. */
function amountRefundsOf(order: Order, lines: readonly OrderLine[], amount: number): Array<{ line: OrderLine; share: LineRefundShare }> {
  const amounts = spread(
    amount,
    lines.map((line) => line.paidAmount - line.refundedAmount),
  );
  return lines.map((line, i) => ({ line, share: amountRefund(refundableOf(line), amounts[i], order.platformFeeRateBps ?? 0) }));
}

/** A line as the refund math sees it, with the agency-funded part of its discount (docs/RULES.md §19). */
function refundableOf(line: OrderLine): RefundableLine {
  return {
    unitPrice: line.unitPrice,
    quantity: line.quantity,
    itemDiscount: line.itemDiscount,
    agencyDiscount: line.agencyDiscount,
    unitsGone: line.cancelledQuantity + line.returnedQuantity,
    refundedAmount: line.refundedAmount,
  };
}

/** What the buyer paid for the order's shipping. */
function shippingPaidOf(order: Order): number {
  return order.shippingFee - order.shippingDiscount;
}
