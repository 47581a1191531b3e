import { Injectable } from '@nestjs/common';
import { BadUserInputError, InvalidStateError, NotFoundError, RequestContext } from '../../common/src/index.js';
import { AvailabilityService, ListingKind, ListingService, type Listing, type ServiceTerms } from '../../catalog/src/index.js';
import type { NewReservation } from './reservation-creator.js';

/** A SERVICE listing as booking needs it. */
export type ServiceListing = Listing & { service: ServiceTerms };

/** What a new reservation takes from its listing. */
export function reservedListing(listing: ServiceListing): NewReservation['listing'] {
  return { id: listing.id, partnerAgencyId: listing.partnerAgencyId, title: listing.title, capacityPerSlot: listing.service.capacityPerSlot };
}

/** The catalog's answers booking relies on: which listing, whether it is a service, whether it is bookable. */
@Injectable()
export class BookingListings {
  constructor(
    private readonly listings: ListingService,
    private readonly availability: AvailabilityService,
  ) {}

  /**
   * A listing the caller may see, which must be a SERVICE (BAD_USER_INPUT on `listingId` otherwise) and
   * bookable now: PUBLISHED by an ACTIVE agency (docs/RULES.md §4; INVALID_STATE otherwise).
   */
  async getBookable(ctx: RequestContext, listingId: string): Promise<ServiceListing> {
    // With its availability: a booking checks its slot next.
    const listing = await this.availability.loadWithAvailability(ctx, listingId);
    if (!listing || !(await this.listings.isVisible(ctx, listing))) throw new NotFoundError('Listing', listingId);
    if (listing.kind !== ListingKind.SERVICE || !listing.service) {
      throw BadUserInputError.field('listingId', `only SERVICE listings are booked, this is a ${listing.kind} listing`);
    }
    await this.assertBookable(ctx, listing);
    return listing as ServiceListing;
  }

  /** A listing named by a consultation or reservation; it exists for as long as they do. */
  async getService(ctx: RequestContext, listingId: string): Promise<ServiceListing> {
    const listing = await this.listings.load(ctx, listingId);
    if (!listing?.service) throw new Error(`Booking names listing ${listingId}, which is not a SERVICE listing`);
    return listing as ServiceListing;
  }

  /**
   * A hold is paid only while its listing is still sellable (docs/RULES.md §4): not once its agency is suspended
   * or withdrawn, or the listing is hidden or archived. INVALID_STATE, checked before any charge.
   */
  async assertPayable(ctx: RequestContext, listingId: string): Promise<void> {
    if (!(await this.listings.lockForSale(ctx, listingId))) throw new InvalidStateError('This listing is no longer on sale; nothing was charged');
  }

  /** New offers and reservations only for what is on sale now (docs/RULES.md §4); a consultation's parties know the listing anyway. */
  async assertBookable(ctx: RequestContext, listing: Listing): Promise<void> {
    if (!(await this.listings.isSellable(ctx, listing))) throw new InvalidStateError('This listing cannot be booked now');
  }
}
