import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { MarketCreator } from './market-creator.entity.js';

/** A link a market creator shares: to one listing, or (no listing) to the whole market. */
@ObjectType('ReferralLink', {
  description: 'A link a market creator shares, to one listing or to the whole market, with its counts (the creator and operators).',
})
@Entity('referral_link')
@Index('referral_link_code_uq', ['code'], { unique: true })
@Index('referral_link_market_creator_idx', ['marketCreatorId', 'createdAt'])
@Check('referral_link_counts_check', `clicks >= 0 AND conversions >= 0`)
export class ReferralLink {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'market_creator_id', type: 'uuid' })
  marketCreatorId: string;

  /** Short and random; the link is `${PUBLIC_WEB_URL}/r/${code}`. */
  @Field({ description: 'Its random 8-character code, unique; trackReferralClick takes it.' })
  @Column({ type: 'text' })
  code: string;

  /** The catalog's listing; null for a link to the market. */
  @Column({ name: 'listing_id', type: 'uuid', nullable: true })
  listingId: string | null;

  @Field(() => String, { nullable: true, description: "The creator's own label for where it is shared; null when none." })
  @Column({ type: 'text', nullable: true })
  campaign: string | null;

  /** Clicks counted (one per client and hour). */
  @Field(() => Int, { description: 'Clicks counted, one per client per hour.' })
  @Column({ type: 'integer' })
  clicks: number;

  /** Sales attributed to the link. */
  @Field(() => Int, { description: 'Paid sales attributed to it.' })
  @Column({ type: 'integer' })
  conversions: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @ManyToOne(() => MarketCreator)
  @JoinColumn({ name: 'market_creator_id', foreignKeyConstraintName: 'referral_link_market_creator_id_fkey' })
  marketCreator?: Relation<MarketCreator>;
}
