import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { MoneyScalar } from '../../common/src/index.js';
import { BIGINT_WON } from '../../ledger/src/index.js';
import { MarketCreator } from './market-creator.entity.js';
import { Payout } from './payout.entity.js';
import { ReferralLink } from './referral-link.entity.js';

export enum CommissionStatus {
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  PAID = 'PAID',
  REVERSED = 'REVERSED',
}
registerEnumType(CommissionStatus, { name: 'CommissionStatus' });

/**
 * A market creator's share of one attributed sale (docs/RULES.md §10). Rate and base are fixed when the payment
 * succeeds; later changes to the listing never touch it. It holds no buyer: a creator sees amounts,
 * the listing and the time only.
 */
@ObjectType('Commission')
@Entity('commission')
@Index('commission_reservation_uq', ['reservationId'], { unique: true, where: 'reservation_id IS NOT NULL' })
@Index('commission_market_creator_idx', ['marketCreatorId', 'createdAt'])
@Index('commission_payable_idx', ['marketCreatorId', 'approvedAt'], { where: `status = 'APPROVED' AND payout_id IS NULL` })
@Index('commission_payout_idx', ['payoutId'], { where: 'payout_id IS NOT NULL' })
@Check('commission_status_check', `status IN ('PENDING', 'APPROVED', 'PAID', 'REVERSED')`)
@Check('commission_amount_check', `base_amount > 0 AND rate_bps > 0 AND rate_bps <= 10000 AND amount >= 0 AND reversed_amount >= 0 AND reversed_amount <= amount`)
@Check('commission_approved_check', `status NOT IN ('APPROVED', 'PAID') OR approved_at IS NOT NULL`)
@Check('commission_paid_check', `(status = 'PAID') = (paid_at IS NOT NULL)`)
export class Commission {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'market_creator_id', type: 'uuid' })
  marketCreatorId: string;

  @Column({ name: 'referral_link_id', type: 'uuid' })
  referralLinkId: string;

  /** The booking library's reservation that was sold. */
  @Column({ name: 'reservation_id', type: 'uuid', nullable: true })
  reservationId: string | null;

  @Column({ name: 'listing_id', type: 'uuid' })
  listingId: string;

  /** The agency that pays the commission out of its share of the sale. */
  @Column({ name: 'partner_agency_id', type: 'uuid' })
  partnerAgencyId: string;

  /** What was paid for the line after discounts, without shipping. */
  @Field(() => MoneyScalar)
  @Column({ name: 'base_amount', type: 'bigint', transformer: BIGINT_WON })
  baseAmount: number;

  /** The listing's rate at the time of sale. */
  @Field(() => Int)
  @Column({ name: 'rate_bps', type: 'integer' })
  rateBps: number;

  /** floor(base × rate / 10000). */
  @Field(() => MoneyScalar)
  @Column({ type: 'bigint', transformer: BIGINT_WON })
  amount: number;

  /** Taken back by refunds; what the creator earns is amount − reversedAmount. */
  @Field(() => MoneyScalar)
  @Column({ name: 'reversed_amount', type: 'bigint', transformer: BIGINT_WON })
  reversedAmount: number;

  @Field(() => CommissionStatus)
  @Column({ type: 'text' })
  status: CommissionStatus;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true })
  approvedAt: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'paid_at', type: 'timestamptz', nullable: true })
  paidAt: Date | null;

  /** The payout that includes it, once `runPayouts` has picked it up. */
  @Column({ name: 'payout_id', type: 'uuid', nullable: true })
  payoutId: string | null;

  @Field()
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @ManyToOne(() => MarketCreator)
  @JoinColumn({ name: 'market_creator_id', foreignKeyConstraintName: 'commission_market_creator_id_fkey' })
  marketCreator?: Relation<MarketCreator>;

  @ManyToOne(() => ReferralLink)
  @JoinColumn({ name: 'referral_link_id', foreignKeyConstraintName: 'commission_referral_link_id_fkey' })
  referralLink?: Relation<ReferralLink>;

  @ManyToOne(() => Payout)
  @JoinColumn({ name: 'payout_id', foreignKeyConstraintName: 'commission_payout_id_fkey' })
  payout?: Relation<Payout>;

  /** What the creator earns from it now. */
  get earned(): number {
    return this.amount - this.reversedAmount;
  }
}
