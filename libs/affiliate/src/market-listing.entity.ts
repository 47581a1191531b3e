import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { MarketCreator } from './market-creator.entity.js';

/** A listing curated into a market creator's market. */
@Entity('market_listing')
@Index('market_listing_listing_idx', ['listingId'])
export class MarketListing {
  @PrimaryColumn({ name: 'market_creator_id', type: 'uuid' })
  marketCreatorId: string;

  /** The catalog's listing. */
  @PrimaryColumn({ name: 'listing_id', type: 'uuid' })
  listingId: string;

  @Column({ name: 'added_at', type: 'timestamptz' })
  addedAt: Date;

  @ManyToOne(() => MarketCreator, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'market_creator_id', foreignKeyConstraintName: 'market_listing_market_creator_id_fkey' })
  marketCreator?: Relation<MarketCreator>;
}
