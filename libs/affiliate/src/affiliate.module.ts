import { Module } from '@nestjs/common';
import { BookingModule } from '../../booking/src/index.js';
import { CatalogModule } from '../../catalog/src/index.js';
import { CommerceModule } from '../../commerce/src/index.js';
import { IdentityModule } from '../../identity/src/index.js';
import { LedgerModule } from '../../ledger/src/index.js';
import { MembershipModule } from '../../membership/src/index.js';
import { SubscriptionsModule } from '../../subscriptions/src/index.js';
import { AffiliateEvents } from './affiliate-events.js';
import { AttributionService } from './attribution.service.js';
import { CommissionResolver, PayoutResolver } from './commission.resolver.js';
import { CommissionTransitions } from './commission-transitions.js';
import { CommissionService } from './commission.service.js';
import { MarketCreatorTransitions } from './market-creator-transitions.js';
import { MarketCreatorResolver, UserMarketCreatorResolver } from './market-creator.resolver.js';
import { MarketCreatorService } from './market-creator.service.js';
import { MarketResolver } from './market.resolver.js';
import { MarketService } from './market.service.js';
import { PayoutTransitions } from './payout-transitions.js';
import { PayoutService } from './payout.service.js';
import { AttributionResolver, ReferralLinkResolver } from './referral.resolver.js';
import { ReferralService } from './referral.service.js';
import { OrderCommissions } from './order-commissions.js';
import { ReservationCommissions } from './reservation-commissions.js';
import { BoxSubscriptionMarketCreatorResolver, OrderLineCommissionResolver, ReservationCommissionResolver } from './sale-commission.resolver.js';
import { SubscriptionCommissions } from './subscription-commissions.js';

export const AFFILIATE_RESOLVERS = [
  MarketCreatorResolver,
  UserMarketCreatorResolver,
  MarketResolver,
  ReferralLinkResolver,
  AttributionResolver,
  CommissionResolver,
  PayoutResolver,
  ReservationCommissionResolver,
  OrderLineCommissionResolver,
  BoxSubscriptionMarketCreatorResolver,
];

/** Market creators, their markets and referral links, attribution, commissions and payouts (docs/RULES.md §10, §21), subscription deliveries' too. */
@Module({
  imports: [IdentityModule, LedgerModule, MembershipModule, CatalogModule, BookingModule, CommerceModule, SubscriptionsModule],
  providers: [
    AffiliateEvents,
    MarketCreatorTransitions,
    CommissionTransitions,
    PayoutTransitions,
    MarketCreatorService,
    MarketService,
    ReferralService,
    AttributionService,
    CommissionService,
    PayoutService,
    ReservationCommissions,
    OrderCommissions,
    SubscriptionCommissions,
    ...AFFILIATE_RESOLVERS,
  ],
  exports: [MarketCreatorService, CommissionService, AffiliateEvents],
})
export class AffiliateModule {}
