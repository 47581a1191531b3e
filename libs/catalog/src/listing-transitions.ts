import { Injectable } from '@nestjs/common';
import { ClockService, RequestContext, StateMachine, StatusTransitions, TransactionalConnection } from '../../common/src/index.js';
import { ListingStatus } from './listing-enums.js';
import { Listing } from './listing.entity.js';

const { DRAFT, PUBLISHED, HIDDEN, ARCHIVED } = ListingStatus;

/**
 * DRAFT → PUBLISHED ⇄ HIDDEN → ARCHIVED. A draft nobody has seen may be archived (discarded) directly;
 * a published listing is hidden first. ARCHIVED is final.
 */
export const LISTING_STATES = new StateMachine<ListingStatus>('Listing', {
  [DRAFT]: [PUBLISHED, ARCHIVED],
  [PUBLISHED]: [HIDDEN],
  [HIDDEN]: [PUBLISHED, ARCHIVED],
});

/** The only way a listing's status changes; publishing stamps `publishedAt`. */
@Injectable()
export class ListingTransitions extends StatusTransitions<ListingStatus, Listing> {
  constructor(connection: TransactionalConnection, clock: ClockService) {
    super(connection, clock, Listing, LISTING_STATES, { changedAt: 'updatedAt', enteredAt: { [PUBLISHED]: 'publishedAt' } });
  }

  /**
   * Serialises, per agency, everything that counts its published listings (publishing, hiding over a
   * tier's limit) until the transaction ends, so two publishes at the limit cannot both pass.
   */
  async lockPublishedCount(ctx: RequestContext, partnerAgencyId: string): Promise<void> {
    await this.connection.manager(ctx).query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`catalog.published-listings:${partnerAgencyId}`]);
  }

  publishedCount(ctx: RequestContext, partnerAgencyId: string): Promise<number> {
    return this.connection.getRepository(ctx, Listing).countBy({ partnerAgencyId, status: PUBLISHED });
  }
}
