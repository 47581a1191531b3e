import { SubscriptionEvents } from './subscription-events.js';
import { Module, type OnModuleInit } from '@nestjs/common';
import { CalendarModule } from '../../calendar/src/index.js';
import { CatalogModule, ListingService, SubscriberPlaces } from '../../catalog/src/index.js';
import { CommerceModule } from '../../commerce/src/index.js';
import { IdentityModule } from '../../identity/src/index.js';
import { B2BPurchaseFieldsResolver, MembershipModule, PartnerAgencyService } from '../../membership/src/index.js';
import { PaymentsModule } from '../../payments/src/index.js';
import { BoxSubscription } from './box-subscription.entity.js';
import { BoxSubscriptionResolver, OrderSubscriptionResolver, SubscriptionCycleResolver } from './box-subscription.resolver.js';
import { DeliveryDeadlines } from './delivery-deadlines.js';
import { SubscribeService } from './subscribe.service.js';
import { SubscriptionAttribution } from './subscription-attribution.js';
import { SubscriptionPricing } from './subscription-pricing.js';
import { SubscriptionBillingMethod } from './subscription-billing-method.js';
import { SubscriptionCancellations } from './subscription-cancellations.js';
import { SubscriptionCharges } from './subscription-charges.js';
import { SubscriptionControlsResolver } from './subscription-controls.resolver.js';
import { SubscriptionControls } from './subscription-controls.service.js';
import { SubscriptionIdempotencyKeys } from './subscription-idempotency-keys.js';
import { SubscriptionListingEvents } from './subscription-listing-events.js';
import { SubscriptionPriceChanges } from './subscription-price-changes.js';
import { SubscriptionReads } from './subscription-reads.service.js';
import { SubscriptionCycleTransitions, SubscriptionTransitions } from './subscription-transitions.js';

export const SUBSCRIPTIONS_RESOLVERS = [
  BoxSubscriptionResolver,
  SubscriptionCycleResolver,
  OrderSubscriptionResolver,
  SubscriptionControlsResolver,
  B2BPurchaseFieldsResolver(BoxSubscription),
];

const CONTROLS = [SubscriptionCancellations, SubscriptionControls, SubscriptionPriceChanges, SubscriptionListingEvents];

/**
 * Subscription boxes (꾸러미, docs/RULES.md §20). Above commerce and payments (each paid delivery is an
 * order paid with a billing key), below affiliate and notifications (which subscribe to its events): the
 * schedule (delivery-schedule.ts, pure), subscriptions and their cycles, and the reads.
 */
@Module({
  imports: [CalendarModule, IdentityModule, MembershipModule, CatalogModule, PaymentsModule, CommerceModule],
  providers: [
    SubscriptionEvents,
    SubscriptionAttribution,
    SubscriptionPricing,
    DeliveryDeadlines,
    SubscriptionReads,
    SubscriptionTransitions,
    SubscriptionCycleTransitions,
    SubscriptionIdempotencyKeys,
    SubscriptionCharges,
    SubscribeService,
    SubscriptionBillingMethod,
    ...CONTROLS,
    ...SUBSCRIPTIONS_RESOLVERS,
  ],
  exports: [
    SubscriptionEvents,
    SubscriptionAttribution,
    DeliveryDeadlines,
    SubscriptionReads,
    SubscriptionTransitions,
    SubscriptionCycleTransitions,
    SubscriptionCharges,
    ...CONTROLS,
  ],
})
export class SubscriptionsModule implements OnModuleInit {
  constructor(
    private readonly places: SubscriberPlaces,
    private readonly reads: SubscriptionReads,
    private readonly listings: ListingService,
    private readonly agencies: PartnerAgencyService,
    private readonly listingEvents: SubscriptionListingEvents,
    private readonly priceChanges: SubscriptionPriceChanges,
  ) {}

  /**
   * The catalog counts live subscriptions for `remainingSubscriptions` through this port; archiving a listing,
   * changing its price and an agency's withdrawal reach the subscriptions through the lower libraries' hooks.
   */
  onModuleInit(): void {
    this.places.registerCounts({ liveSubscriptions: (ctx, listingIds) => this.reads.liveSubscriptions(ctx, listingIds) });
    this.listings.onListingChange({
      archived: (ctx, listing) => this.listingEvents.listingArchived(ctx, listing),
      priceChanged: (ctx, listing) => this.priceChanges.listingPriceChanged(ctx, listing),
    });
    this.agencies.onWithdrawal((ctx, agency) => this.listingEvents.agencyWithdrew(ctx, agency));
  }
}
