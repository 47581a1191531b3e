import { Module, type OnModuleInit } from '@nestjs/common';
import { IdentityModule } from '../../identity/src/index.js';
import { MembershipEvents, MembershipModule, TierChangeService } from '../../membership/src/index.js';
import { AvailabilityResolver } from './availability.resolver.js';
import { AvailabilityService } from './availability.service.js';
import { CatalogDemoData } from './catalog-demo-data.js';
import { ListingSearchService } from './listing-search.service.js';
import { ListingTransitions } from './listing-transitions.js';
import { GoodsTermsResolver, ListingResolver, PartnerAgencyListingsResolver, SubscriptionTermsResolver } from './listing.resolver.js';
import { ListingService } from './listing.service.js';
import { PublicListingCounts } from './public-listing-counts.js';
import { SubscriberPlaces } from './subscriber-places.js';

export const CATALOG_RESOLVERS = [ListingResolver, GoodsTermsResolver, SubscriptionTermsResolver, PartnerAgencyListingsResolver, AvailabilityResolver];

/**
 * Listings and their availability. Other libraries use ListingService (visibility, reviews) and
 * AvailabilityService (slots; booking registers its SlotOccupancy there); the subscriptions library will
 * register its live subscription counts with SubscriberPlaces.
 */
@Module({
  imports: [IdentityModule, MembershipModule],
  providers: [
    ListingTransitions,
    PublicListingCounts,
    ListingService,
    ListingSearchService,
    AvailabilityService,
    SubscriberPlaces,
    CatalogDemoData,
    ...CATALOG_RESOLVERS,
  ],
  exports: [ListingService, AvailabilityService, SubscriberPlaces],
})
export class CatalogModule implements OnModuleInit {
  constructor(
    private readonly tierChanges: TierChangeService,
    private readonly listings: ListingService,
    private readonly membershipEvents: MembershipEvents,
    private readonly publicCounts: PublicListingCounts,
  ) {}

  /**
   * Membership hides listings over a tier's limit when a downgrade takes effect (docs/RULES.md §5), and
   * tells when an agency's listings become public or stop being so (the public counts follow).
   */
  onModuleInit(): void {
    this.tierChanges.registerListingLimitEnforcer(this.listings);
    this.membershipEvents.inTransaction('PartnerAgencyActivityChanged', (ctx, { agency, active }) =>
      this.publicCounts.agencyActivityChanged(ctx, agency.id, active),
    );
  }
}
