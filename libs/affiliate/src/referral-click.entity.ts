import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { ReferralLink } from './referral-link.entity.js';

/**
 * One click on a referral link; the attribution token names it. No address is stored: `clientHash` is a
 * keyed hash of the client's address and user agent, enough to count a client once an hour.
 * Rows older than the attribution window are pruned.
 */
@Entity('referral_click')
@Index('referral_click_user_idx', ['userId', 'clickedAt'], { where: 'user_id IS NOT NULL' })
@Index('referral_click_client_idx', ['referralLinkId', 'clientHash', 'clickedAt'])
@Index('referral_click_clicked_at_idx', ['clickedAt'])
export class ReferralClick {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'referral_link_id', type: 'uuid' })
  referralLinkId: string;

  /** Copied from the link, so attribution reads clicks without joining. */
  @Column({ name: 'market_creator_id', type: 'uuid' })
  marketCreatorId: string;

  @Column({ name: 'listing_id', type: 'uuid', nullable: true })
  listingId: string | null;

  /** The signed-in user who clicked: the click is remembered for them. */
  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId: string | null;

  @Column({ name: 'client_hash', type: 'text' })
  clientHash: string;

  /** Whether it was counted in the link's clicks (false for a repeat within the hour). */
  @Column({ type: 'boolean' })
  counted: boolean;

  @Column({ name: 'clicked_at', type: 'timestamptz' })
  clickedAt: Date;

  @ManyToOne(() => ReferralLink, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'referral_link_id', foreignKeyConstraintName: 'referral_click_referral_link_id_fkey' })
  referralLink?: Relation<ReferralLink>;
}
