import { Injectable } from '@nestjs/common';
import { ClockService, RequestContext, StateMachine, TransactionalConnection } from '../../common/src/index.js';
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

@Injectable()
export class ListingTransitions {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
  ) {}

  /** The listing row, locked (SELECT … FOR UPDATE) until the transaction ends. */
  lock(ctx: RequestContext, id: string): Promise<Listing> {
    return this.connection.lock(ctx, Listing, id, 'Listing');
  }

  /**
   * The only way a listing's status changes: locked, checked against the table, then saved.
   * `guard` runs on the locked row after the table allowed the move; throwing aborts it.
   */
  async transition(ctx: RequestContext, id: string, to: ListingStatus, guard?: (listing: Listing) => Promise<void>): Promise<Listing> {
    const listing = await this.lock(ctx, id);
    LISTING_STATES.assert(listing.status, to);
    await guard?.(listing);
    const now = this.clock.now();
    listing.status = to;
    listing.updatedAt = now;
    if (to === PUBLISHED) listing.publishedAt = now;
    return this.connection.getRepository(ctx, Listing).save(listing);
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
