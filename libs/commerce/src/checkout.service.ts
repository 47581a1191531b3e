import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  BadUserInputError,
  ClockService,
  ConflictError,
  DureConfig,
  RequestContext,
  TransactionalConnection,
  newDocumentNumber,
} from '../../common/src/index.js';
import { PaymentPurpose, PaymentService } from '../../payments/src/index.js';
import { LineProblem } from './cart-lines.js';
import { CartService, type CartGroupState } from './cart.service.js';
import { CheckoutHolds } from './checkout-holds.js';
import { CheckoutIdempotencyKeys } from './checkout-idempotency-keys.js';
import { CheckoutPayments } from './checkout-payments.js';
import { newOrderLineRow, newOrderRow } from './order-rows.js';
import { Checkout, CheckoutStatus } from './checkout.entity.js';
import { CheckoutTransitions } from './commerce-transitions.js';
import { assertCouponsApply } from './cart-coupon-pricing.js';
import { CouponRedemptions } from './coupon-redemptions.js';
import type { CheckoutInput } from './dto/commerce.inputs.js';
import { OrderLine } from './order-line.entity.js';
import { Order } from './order.entity.js';
import { sumOfPrices } from './price-breakdown.js';
import { shippingAddressOf, type ShippingAddress } from './shipping-address.js';
import { B2BPurchases, PartnerAgencyService } from '../../membership/src/index.js';

/** Stock shortages are for the conditional take to decide (OUT_OF_STOCK); other problems refuse the cart. */
const STOCK_PROBLEMS: ReadonlyArray<string | null> = [LineProblem.SOLD_OUT, LineProblem.SHORT];

/** `checkout` (docs/RULES.md §16): the whole cart becomes one checkout, one order per agency, one payment. */
@Injectable()
export class CheckoutService {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
    private readonly config: DureConfig,
    private readonly agencies: PartnerAgencyService,
    private readonly b2bPurchases: B2BPurchases,
    private readonly keys: CheckoutIdempotencyKeys,
    private readonly carts: CartService,
    private readonly holds: CheckoutHolds,
    private readonly checkoutPayments: CheckoutPayments,
    private readonly payments: PaymentService,
    private readonly transitions: CheckoutTransitions,
    private readonly redemptions: CouponRedemptions,
  ) {}

  /**
   * In the mutation's one transaction: the idempotency key is claimed first (a repeat returns the first
   * checkout), the cart is locked and checked, stock is taken per line, then the checkout, its orders and
   * its payment are created and the hold's expiry scheduled. Any refusal leaves nothing held.
   */
  async checkout(ctx: RequestContext, input: CheckoutInput): Promise<Checkout> {
    const buyer = ctx.requireUser();
    const id = randomUUID();
    const keyed = {
      operation: 'checkout',
      shippingAddress: input.shippingAddress,
      expectedTotal: input.expectedTotal ?? null,
      attributionToken: input.attributionToken ?? null,
      onBehalfOf: input.onBehalfOf ?? null,
    };
    const claim = await this.keys.claim(ctx, buyer.id, input.idempotencyKey, keyed, id);
    const repo = this.connection.getRepository(ctx, Checkout);
    if (!claim.fresh) return repo.findOneByOrFail({ id: claim.resultId });

    await this.carts.lock(ctx, buyer.id);
    // docs/RULES.md §19: the coupon rows are locked before the cart is priced, so its uses are counted afresh —
    // for the organization named in onBehalfOf, which `resolve` below checks before anything is kept.
    const buyerOrganizationId = input.onBehalfOf?.organizationId ?? null;
    const cart = await this.carts.view(ctx, buyer.id, { entered: await this.redemptions.lockCartCoupons(ctx, buyer.id), buyerOrganizationId });
    if (!cart.lines.length) throw BadUserInputError.field('cart', 'is empty');
    const refused = cart.lines.filter((line) => line.problem && !STOCK_PROBLEMS.includes(line.problem));
    if (refused.length)
      throw new BadUserInputError(refused.map((line) => ({ field: `cart.lines.${line.id}`, message: `${line.listing.title}: ${line.problem}` })));
    const b2b = await this.b2bPurchases.resolve(
      ctx,
      input.onBehalfOf,
      cart.groups.map((group) => group.partnerAgencyId),
    );
    assertCouponsApply(cart.coupons, (applied) => `cart.coupons.${applied.code}`);
    for (const group of cart.groups) await this.agencies.assertNotMember(ctx, group.partnerAgencyId, 'buy');
    const price = sumOfPrices(cart.groups.map((group) => group.price));
    if (input.expectedTotal != null && input.expectedTotal !== price.total) {
      throw new ConflictError(`The cart now costs ${price.total} won, not ${input.expectedTotal}; nothing was held`);
    }
    await this.holds.take(
      ctx,
      cart.lines.map((line) => ({ listingId: line.listing.id, title: line.listing.title, quantity: line.quantity })),
    );

    const now = this.clock.now();
    const holdExpiresAt = new Date(now.getTime() + this.config.checkoutHoldMinutes * 60_000);
    const payment =
      price.total > 0
        ? await this.payments.createPayment(ctx, { purpose: PaymentPurpose.CHECKOUT, referenceId: id, amount: price.total, orderName: orderNameOf(cart.lines) })
        : null;
    const shippingAddress = shippingAddressOf(input.shippingAddress);
    const checkout = repo.create({
      id,
      number: newDocumentNumber('C', now),
      status: CheckoutStatus.PENDING_PAYMENT,
      buyerId: buyer.id,
      ...price,
      shippingAddress,
      holdExpiresAt,
      paymentId: payment?.id ?? null,
      refundedAmount: 0,
      attributionToken: input.attributionToken?.trim() || null,
      b2b,
      createdAt: now,
      updatedAt: now,
      paidAt: null,
    });
    await repo.insert(checkout);
    await this.redemptions.redeem(ctx, { checkoutId: id }, { userId: buyer.id, buyerOrganizationId: b2b.buyerOrganizationId }, cart.coupons);
    await this.createOrders(ctx, checkout, cart.groups, shippingAddress);
    if (!payment) {
      // docs/RULES.md §16: nothing to pay (coupons covered it all) → PAID at once, without the provider.
      await this.checkoutPayments.markPaid(ctx, await this.transitions.lock(ctx, id));
      return repo.findOneByOrFail({ id });
    }
    await this.holds.scheduleExpiry(ctx, id, holdExpiresAt);
    return checkout;
  }

  private async createOrders(ctx: RequestContext, checkout: Checkout, groups: readonly CartGroupState[], shippingAddress: ShippingAddress): Promise<void> {
    const orderRepo = this.connection.getRepository(ctx, Order);
    const lineRepo = this.connection.getRepository(ctx, OrderLine);
    const orders = groups.map((group) =>
      newOrderRow(orderRepo, {
        id: randomUUID(),
        number: newDocumentNumber('O', checkout.createdAt),
        checkoutId: checkout.id,
        paymentId: null,
        buyerId: checkout.buyerId,
        partnerAgencyId: group.partnerAgencyId,
        ...group.price,
        platformShippingDiscount: group.platformShippingDiscount,
        shippingAddress,
        holdExpiresAt: checkout.holdExpiresAt,
        b2b: checkout.b2b,
        createdAt: checkout.createdAt,
      }),
    );
    await orderRepo.insert(orders);
    const lines = groups.flatMap((group, index) =>
      group.lines.map((line, position) =>
        newOrderLineRow(lineRepo, {
          id: randomUUID(),
          orderId: orders[index].id,
          position,
          listingId: line.listing.id,
          title: line.listing.title,
          unitPrice: line.unitPrice,
          quantity: line.quantity,
          itemDiscount: line.itemDiscount,
          platformDiscount: line.platformDiscount,
          taxFree: line.listing.taxFree,
          dispatchBusinessDays: line.listing.goods.dispatchBusinessDays,
        }),
      ),
    );
    await lineRepo.insert(lines);
  }
}

/** "첫 상품명 외 n건", n = the other cart lines (docs/RULES.md §16). */
export function orderNameOf(lines: ReadonlyArray<{ listing: { title: string } }>): string {
  const [first, ...others] = lines;
  return others.length ? `${first.listing.title} 외 ${others.length}건` : first.listing.title;
}
