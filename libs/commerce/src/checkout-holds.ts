import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { ClockService, JobQueueService, OutOfStockError, RequestContext, TransactionalConnection } from '../../common/src/index.js';
import { ListingService } from '../../catalog/src/index.js';
import { PaymentService, PaymentStatus } from '../../payments/src/index.js';
import { CheckoutStatus } from './checkout.entity.js';
import { CheckoutTransitions, OrderTransitions, holdLapsed } from './commerce-transitions.js';
import { CouponRedemptions } from './coupon-redemptions.js';
import { OrderLine } from './order-line.entity.js';
import { Order, OrderStatus } from './order.entity.js';

export const CHECKOUT_HOLD_EXPIRY_JOB = 'commerce.checkout-hold-expiry';

/** Units of one listing a checkout takes. */
export interface StockTake {
  listingId: string;
  title: string;
  quantity: number;
}

/**
 * The stock a checkout holds (docs/RULES.md §15, §16): taken per line by the catalog's conditional
 * statement, given back when the hold lapses — by the job at `holdExpiresAt`, or earlier by a checkout
 * that needs the units (reads already treat a lapsed hold as expired).
 */
@Injectable()
export class CheckoutHolds {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
    private readonly listings: ListingService,
    private readonly payments: PaymentService,
    private readonly checkouts: CheckoutTransitions,
    private readonly orders: OrderTransitions,
    private readonly jobs: JobQueueService,
    private readonly redemptions: CouponRedemptions,
  ) {
    jobs.register(CHECKOUT_HOLD_EXPIRY_JOB, async (ctx, { checkoutId }) => {
      await this.expire(ctx, checkoutId as string);
    });
  }

  /**
   * Takes every line's units in one statement (which locks the listings in one order for concurrent checkouts).
   * A listing short of units first gets back what lapsed holds keep from it; still short → OUT_OF_STOCK
   * naming it, and the caller's transaction rolls back every unit already taken.
   */
  async take(ctx: RequestContext, takes: readonly StockTake[]): Promise<void> {
    const taken = await this.listings.takeStocks(ctx, takes);
    for (const line of [...takes].sort((a, b) => (a.listingId < b.listingId ? -1 : 1))) {
      if (taken.has(line.listingId)) continue;
      if ((await this.releaseLapsedHolds(ctx, line.listingId)) && (await this.listings.takeStock(ctx, line.listingId, line.quantity))) continue;
      throw new OutOfStockError(`Not enough stock of "${line.title}" (listing ${line.listingId}) for ${line.quantity}`);
    }
  }

  scheduleExpiry(ctx: RequestContext, checkoutId: string, holdExpiresAt: Date): Promise<void> {
    return this.jobs.enqueue(
      ctx,
      CHECKOUT_HOLD_EXPIRY_JOB,
      { checkoutId },
      { runAt: holdExpiresAt, singletonKey: `${CHECKOUT_HOLD_EXPIRY_JOB}:${checkoutId}` },
    );
  }

  /**
   * An unpaid checkout whose hold has passed becomes EXPIRED with its orders; its stock goes back and its
   * payment can no longer be paid. False when it was paid or is still held.
   */
  async expire(ctx: RequestContext, checkoutId: string): Promise<boolean> {
    const checkout = await this.checkouts.lock(ctx, checkoutId);
    if (!holdLapsed(checkout, this.clock.now())) return false;
    const orders = await this.connection.getRepository(ctx, Order).findBy({ checkoutId });
    await this.orders.applyToAll(
      ctx,
      orders.map((order) => order.id),
      OrderStatus.EXPIRED,
    );
    const lines = await this.connection
      .getRepository(ctx, OrderLine)
      .find({ where: { orderId: In(orders.map((order) => order.id)) }, order: { listingId: 'ASC' } });
    for (const line of lines) await this.listings.returnStock(ctx, line.listingId, line.quantity);
    await this.redemptions.release(ctx, { checkoutId });
    await this.checkouts.apply(ctx, checkout, CheckoutStatus.EXPIRED);
    const payment = checkout.paymentId ? await this.payments.load(ctx, checkout.paymentId) : null;
    if (payment?.status === PaymentStatus.READY) await this.payments.abandon(ctx, payment.id);
    return true;
  }

  /** Expires the lapsed checkouts holding units of the listing; whether any gave units back. */
  private async releaseLapsedHolds(ctx: RequestContext, listingId: string): Promise<boolean> {
    const lapsed: Array<{ checkout_id: string }> = await this.connection.manager(ctx).query(
      `SELECT DISTINCT o.checkout_id FROM order_line l JOIN commerce_order o ON o.id = l.order_id
       WHERE l.listing_id = $1 AND o.status = $2 AND o.hold_expires_at <= $3 ORDER BY o.checkout_id`,
      [listingId, OrderStatus.PENDING_PAYMENT, this.clock.now()],
    );
    let released = false;
    for (const { checkout_id } of lapsed) released = (await this.expire(ctx, checkout_id)) || released;
    return released;
  }
}
