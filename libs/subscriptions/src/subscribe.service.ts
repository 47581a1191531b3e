import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  BadUserInputError,
  ClockService,
  InvalidStateError,
  NotFoundError,
  OutOfStockError,
  RequestContext,
  TransactionalConnection,
  isUuid,
  newDocumentNumber,
} from '../../common/src/index.js';
import { Listing, ListingKind, ListingService, ListingStatus } from '../../catalog/src/index.js';
import { SubscriptionCoupons, shippingAddressOf } from '../../commerce/src/index.js';
import { B2BPurchases, PartnerAgencyService } from '../../membership/src/index.js';
import { BillingMethodService } from '../../payments/src/index.js';
import { BoxSubscription, SubscriptionStatus } from './box-subscription.entity.js';
import { DeliverySchedule } from './delivery-schedule.js';
import type { SubscribeInput } from './dto/subscribe.input.js';
import { SubscriptionAttribution } from './subscription-attribution.js';
import { SubscriptionCharges } from './subscription-charges.js';
import { SubscriptionIdempotencyKeys } from './subscription-idempotency-keys.js';
import { SubscriptionReads } from './subscription-reads.service.js';

/**
 * `subscribe` (docs/RULES.md §20) in the mutation's one transaction: the idempotency key is claimed first (a
 * repeat returns the first subscription), the listing is locked so its live subscriptions are counted against
 * `subscriberLimit` one subscriber at a time (OUT_OF_STOCK), the plan is copied, a coupon is redeemed (§19) and
 * the attribution decided with the listing's rate now (§21), and the first delivery is charged at once.
 * Declined → PAYMENT_FAILED and the rollback keeps nothing (the coupon's use neither).
 */
@Injectable()
export class SubscribeService {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
    private readonly keys: SubscriptionIdempotencyKeys,
    private readonly listings: ListingService,
    private readonly agencies: PartnerAgencyService,
    private readonly b2bPurchases: B2BPurchases,
    private readonly billingMethods: BillingMethodService,
    private readonly charges: SubscriptionCharges,
    private readonly reads: SubscriptionReads,
    private readonly coupons: SubscriptionCoupons,
    private readonly attribution: SubscriptionAttribution,
  ) {}

  subscribe(ctx: RequestContext, input: SubscribeInput): Promise<BoxSubscription> {
    const buyer = ctx.requireUser();
    return this.connection.withTransaction(ctx, async () => {
      const id = randomUUID();
      const { idempotencyKey, ...keyed } = input;
      const claim = await this.keys.claim(ctx, buyer.id, idempotencyKey, { operation: 'subscribe', ...keyed }, id);
      const repo = this.connection.getRepository(ctx, BoxSubscription);
      if (!claim.fresh) return repo.findOneByOrFail({ id: claim.resultId });

      const listing = await this.lockListing(ctx, input.listingId);
      const terms = listing.subscription;
      if (listing.kind !== ListingKind.SUBSCRIPTION || !terms) throw BadUserInputError.field('listingId', 'is not a SUBSCRIPTION listing');
      await this.agencies.assertNotMember(ctx, listing.partnerAgencyId, 'buy');
      if (listing.status !== ListingStatus.PUBLISHED || !(await this.agencies.lockForSale(ctx, listing.partnerAgencyId))) {
        throw new InvalidStateError('This box takes no new subscribers now');
      }
      const method = await this.billingMethods.lockUsable(ctx, input.billingMethodId, buyer.id);
      if (terms.subscriberLimit !== null) {
        const [live] = await this.reads.liveSubscriptions(ctx, [listing.id]);
        if (live >= terms.subscriberLimit) throw new OutOfStockError('This box has no subscriber places left');
      }
      const b2b = await this.b2bPurchases.resolve(ctx, input.onBehalfOf, [listing.partnerAgencyId]);
      const quantity = input.quantity ?? 1;
      const coupon =
        input.couponCode != null
          ? await this.coupons.redeem(ctx, id, { userId: buyer.id, buyerOrganizationId: b2b.buyerOrganizationId }, input.couponCode, {
              listingId: listing.id,
              partnerAgencyId: listing.partnerAgencyId,
              itemsValue: listing.price * quantity,
              shippingFee: terms.shippingFee,
            })
          : null;
      const attributed = await this.attribution.decide(ctx, {
        buyerId: buyer.id,
        attributionToken: input.attributionToken ?? null,
        buyerOrganizationId: b2b.buyerOrganizationId,
        listingId: listing.id,
        commissionRateBps: listing.commissionRateBps,
      });
      const now = this.clock.now();
      const schedule = DeliverySchedule.subscribedAt(terms, now);
      const subscription = repo.create({
        id,
        number: newDocumentNumber('S', now),
        status: SubscriptionStatus.ACTIVE,
        listingId: listing.id,
        title: listing.title,
        taxFree: listing.taxFree,
        buyerId: buyer.id,
        partnerAgencyId: listing.partnerAgencyId,
        quantity,
        unitPrice: listing.price,
        shippingFee: terms.shippingFee,
        interval: terms.interval,
        shipWeekday: terms.shipWeekday,
        shipDayOfMonth: terms.shipDayOfMonth,
        cutoffDays: terms.cutoffDays,
        minimumCycles: terms.minimumCycles,
        firstShipDate: schedule.firstShipDate,
        lastShipDate: schedule.firstShipDate,
        shippingAddress: shippingAddressOf(input.shippingAddress),
        billingMethodId: method.id,
        paidCycles: 0,
        failedAttempts: 0,
        pastDueSince: null,
        nextRetryAt: null,
        resumeOn: null,
        skippedShipDates: [],
        pendingPriceChange: null,
        marketCreatorId: attributed?.marketCreatorId ?? null,
        referralLinkId: attributed?.referralLinkId ?? null,
        commissionRateBps: attributed?.commissionRateBps ?? null,
        couponId: coupon?.id ?? null,
        b2b,
        startedAt: now,
        cancelledAt: null,
        endReason: null,
        cancellationNote: null,
        createdAt: now,
        updatedAt: now,
      });
      await repo.insert(subscription);
      await this.charges.chargeFirst(ctx, subscription);
      return repo.findOneByOrFail({ id });
    });
  }

  /**
   * The listing, locked until the transaction ends: concurrent subscribers queue here, so each counts the
   * live subscriptions the ones before it made. One the caller may not see → NOT_FOUND.
   */
  private async lockListing(ctx: RequestContext, listingId: string): Promise<Listing> {
    const visible = isUuid(listingId) ? await this.listings.load(ctx, listingId) : null;
    if (!visible || !(await this.listings.isVisible(ctx, visible))) throw new NotFoundError('Listing', listingId);
    return this.connection.lock(ctx, Listing, listingId, 'Listing');
  }
}
