import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { ClockService, InvalidStateError, RequestContext, TransactionalConnection } from '../../common/src/index.js';
import { BusinessCalendarService } from '../../calendar/src/index.js';
import { JournalEntryKind } from '../../ledger/src/index.js';
import { PartnerAgencyService } from '../../membership/src/index.js';
import { PaymentPurpose, PaymentService, type Payment, type PaymentAllocation } from '../../payments/src/index.js';
import { CartService } from './cart.service.js';
import { Checkout, CheckoutStatus } from './checkout.entity.js';
import { CommerceAccess } from './commerce-access.js';
import { CheckoutTransitions, holdLapsed } from './commerce-transitions.js';
import { OrderLine } from './order-line.entity.js';
import { OrderRefunds } from './order-refunds.js';
import { OrderPayments, creditsOf, type OrderSplit } from './order-payments.js';
import { Order } from './order.entity.js';

/**
 * Checkouts and their one payment (docs/RULES.md §9, §16): `payCheckout`, and what a capture does to the
 * checkout and its orders however payments learned of it (the client's confirm, a webhook, reconciliation).
 */
@Injectable()
export class CheckoutPayments {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
    private readonly payments: PaymentService,
    private readonly agencies: PartnerAgencyService,
    private readonly calendar: BusinessCalendarService,
    private readonly access: CommerceAccess,
    private readonly carts: CartService,
    private readonly checkouts: CheckoutTransitions,
    private readonly orderPayments: OrderPayments,
    refunds: OrderRefunds,
  ) {
    payments.registerPurpose(PaymentPurpose.CHECKOUT, {
      onPaid: (ctx, payment) => this.onPaid(ctx, payment),
      // Cancellations and returns refund through OrderRefunds with their own handler; this one gets the rest.
      onRefunded: (ctx, payment, amount) => refunds.recordProviderRefund(ctx, payment, amount),
    });
  }

  /**
   * By the buyer: the stored amount is confirmed once. A lapsed hold, or an agency no longer selling
   * (suspended, withdrawn), → INVALID_STATE before the provider is asked; a decline → PAYMENT_FAILED and
   * the checkout stays payable until its hold ends; the same paymentKey again returns the paid checkout.
   * The checkout stays locked while the provider answers, so concurrent calls charge once.
   */
  async pay(ctx: RequestContext, id: string, paymentKey: string): Promise<Checkout> {
    const checkout = await this.checkouts.lock(ctx, id);
    this.access.assertBuyer(ctx, checkout);
    if (checkout.status !== CheckoutStatus.PENDING_PAYMENT || !checkout.paymentId) {
      const payment = checkout.paymentId ? await this.payments.load(ctx, checkout.paymentId) : null;
      if (payment?.paymentKey === paymentKey) return checkout;
      throw new InvalidStateError(`A ${checkout.status} checkout cannot be paid`);
    }
    if (holdLapsed(checkout, this.clock.now())) throw new InvalidStateError('The hold on this checkout has expired; nothing was charged. Check out again');
    const orders = await this.ordersOf(ctx, checkout.id);
    const agencyIds = orders.map((order) => order.partnerAgencyId);
    if (!(await this.agencies.lockAllForSale(ctx, agencyIds)))
      throw new InvalidStateError('A partner agency of this checkout no longer sells; nothing was charged');
    // The capture continues with the checkout locked here and its orders read above, instead of locking and reading
    // them again; the answer is that row, as the capture left it.
    await this.payments.confirm(ctx, { paymentId: checkout.paymentId, paymentKey }, (ctx) => this.paidLocked(ctx, checkout, orders));
    return checkout;
  }

  /**
   * The checkout and its orders become PAID (each order keeping its agency's fee rate and getting its
   * dispatch deadline), and the bought quantities leave the cart. Returns how the money splits.
   * `checkout` must be locked and PENDING_PAYMENT.
   */
  async markPaid(ctx: RequestContext, checkout: Checkout, orders?: Order[]): Promise<OrderSplit[]> {
    const now = this.clock.now();
    orders ??= await this.ordersOf(ctx, checkout.id);
    const lines = await this.connection
      .getRepository(ctx, OrderLine)
      .find({ where: { orderId: In(orders.map((order) => order.id)) }, order: { position: 'ASC' } });
    const linesOf = orders.map((order) => lines.filter((line) => line.orderId === order.id));
    const dispatchDeadlines = await this.calendar.deadlinesAfter(
      ctx,
      now,
      linesOf.map((orderLines) => Math.max(...orderLines.map((line) => line.dispatchBusinessDays))),
    );
    const splits = await this.orderPayments.markPaid(
      ctx,
      orders.map((order, index) => ({ order, lines: linesOf[index], dispatchDeadline: dispatchDeadlines[index] })),
      { paidAt: now, checkout },
    );
    // One instant for the checkout and its orders: they were paid together.
    await this.checkouts.apply(ctx, checkout, CheckoutStatus.PAID, (row) => Object.assign(row, { holdExpiresAt: null, paidAt: now }));
    await this.carts.removeBought(ctx, checkout.buyerId, checkout.id, lines);
    return splits;
  }

  /** The money arrived: PAID, split per agency order. Refused (refunded in full by payments) once the checkout lapsed. */
  private async onPaid(ctx: RequestContext, payment: Payment): Promise<PaymentAllocation | null> {
    const checkout = await this.checkouts.lock(ctx, payment.referenceId);
    if (checkout.status !== CheckoutStatus.PENDING_PAYMENT) return null;
    return this.paidLocked(ctx, checkout);
  }

  /** The money arrived for a checkout locked and PENDING_PAYMENT: PAID, split per agency order. */
  private async paidLocked(ctx: RequestContext, checkout: Checkout, orders?: Order[]): Promise<PaymentAllocation> {
    return { entryKind: JournalEntryKind.PAYMENT_CAPTURED, credits: creditsOf(await this.markPaid(ctx, checkout, orders)) };
  }

  /** The checkout's orders, by id. */
  private ordersOf(ctx: RequestContext, checkoutId: string): Promise<Order[]> {
    return this.connection.getRepository(ctx, Order).find({ where: { checkoutId }, order: { id: 'ASC' } });
  }
}
