import { Module, type OnModuleInit } from '@nestjs/common';
import { CalendarModule } from '../../calendar/src/index.js';
import { CatalogModule, SubscriberPlaces } from '../../catalog/src/index.js';
import { CommerceModule } from '../../commerce/src/index.js';
import { IdentityModule } from '../../identity/src/index.js';
import { B2BPurchaseFieldsResolver, MembershipModule } from '../../membership/src/index.js';
import { PaymentsModule } from '../../payments/src/index.js';
import { BoxSubscription } from './box-subscription.entity.js';
import { BoxSubscriptionResolver, OrderSubscriptionResolver, SubscriptionCycleResolver } from './box-subscription.resolver.js';
import { DeliveryDeadlines } from './delivery-deadlines.js';
import { SubscribeService } from './subscribe.service.js';
import { SubscriptionBillingMethod } from './subscription-billing-method.js';
import { SubscriptionCharges } from './subscription-charges.js';
import { SubscriptionIdempotencyKeys } from './subscription-idempotency-keys.js';
import { SubscriptionReads } from './subscription-reads.service.js';
import { SubscriptionCycleTransitions, SubscriptionTransitions } from './subscription-transitions.js';

export const SUBSCRIPTIONS_RESOLVERS = [
  BoxSubscriptionResolver,
  SubscriptionCycleResolver,
  OrderSubscriptionResolver,
  B2BPurchaseFieldsResolver(BoxSubscription),
];

/**
 * Subscription boxes (꾸러미, docs/RULES.md §20). Above commerce and payments (each paid delivery is an
 * order paid with a billing key), below affiliate and notifications (which subscribe to its events): the
 * schedule (delivery-schedule.ts, pure), subscriptions and their cycles, and the reads.
 */
@Module({
  imports: [CalendarModule, IdentityModule, MembershipModule, CatalogModule, PaymentsModule, CommerceModule],
  providers: [
    DeliveryDeadlines,
    SubscriptionReads,
    SubscriptionTransitions,
    SubscriptionCycleTransitions,
    SubscriptionIdempotencyKeys,
    SubscriptionCharges,
    SubscribeService,
    SubscriptionBillingMethod,
    ...SUBSCRIPTIONS_RESOLVERS,
  ],
  exports: [DeliveryDeadlines, SubscriptionReads, SubscriptionTransitions, SubscriptionCycleTransitions, SubscriptionCharges],
})
export class SubscriptionsModule implements OnModuleInit {
  constructor(
    private readonly places: SubscriberPlaces,
    private readonly reads: SubscriptionReads,
  ) {}

  /** The catalog counts live subscriptions for `remainingSubscriptions` through this port. */
  onModuleInit(): void {
    this.places.registerCounts({ liveSubscriptions: (ctx, listingIds) => this.reads.liveSubscriptions(ctx, listingIds) });
  }
}
