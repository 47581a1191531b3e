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
registerEnumType(CommissionStatus, {
  name: 'CommissionStatus',
  description: 'Where a commission is: PENDING → APPROVED → PAID, or REVERSED by a full refund before it is paid.',
  valuesMap: {
    PENDING: { description: 'The sale is paid but not yet served; a refund may still take it back.' },
    APPROVED: {
      description: 'The sale holds (a reservation completed, a no-show or cancelled keeping part of the price; an order confirmed); waiting for a payout.',
    },
    PAID: { description: 'Paid out to the market creator in a payout marked paid.' },
    REVERSED: { description: 'The sale was refunded in full (or its order cancelled or returned); nothing is earned.' },
  },
});

/**
 * A market creator's share of one attributed sale (docs/RULES.md §10). Rate and base are fixed when the payment
 * succeeds; later changes to the listing never touch it. It holds no buyer: a creator sees amounts,
 * the listing and the time only.
 */
@ObjectType('Commission', {
  description: "A market creator's share of one sale attributed to its link; it shows amounts, times and the listing, never the buyer.",
})
@Entity('commission')
@Index('commission_reservation_uq', ['reservationId'], { unique: true, where: 'reservation_id IS NOT NULL' })
@Index('commission_order_line_uq', ['orderLineId'], { unique: true, where: 'order_line_id IS NOT NULL' })
@Index('commission_checkout_idx', ['checkoutId', 'referralLinkId'], { where: 'checkout_id IS NOT NULL' })
@Index('commission_market_creator_idx', ['marketCreatorId', 'createdAt'])
@Index('commission_payable_idx', ['marketCreatorId', 'approvedAt'], { where: `status = 'APPROVED' AND payout_id IS NULL` })
@Index('commission_payout_idx', ['payoutId'], { where: 'payout_id IS NOT NULL' })
@Check('commission_sale_check', '(reservation_id IS NULL) <> (order_line_id IS NULL)')
@Check('commission_checkout_check', 'checkout_id IS NULL OR order_line_id IS NOT NULL')
@Check('commission_status_check', `status IN ('PENDING', 'APPROVED', 'PAID', 'REVERSED')`)
@Check(
  'commission_amount_check',
  `base_amount > 0 AND rate_bps > 0 AND rate_bps <= 10000 AND amount >= 0 AND reversed_amount >= 0 AND reversed_amount <= amount`,
)
@Check('commission_approved_check', `status NOT IN ('APPROVED', 'PAID') OR approved_at IS NOT NULL`)
@Check('commission_paid_check', `(status = 'PAID') = (paid_at IS NOT NULL)`)
export class Commission {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'market_creator_id', type: 'uuid' })
  marketCreatorId: string;

  @Column({ name: 'referral_link_id', type: 'uuid' })
  referralLinkId: string;

  /** The booking library's reservation that was sold; exactly one of it and `orderLineId` is set. */
  @Column({ name: 'reservation_id', type: 'uuid', nullable: true })
  reservationId: string | null;

  /** The commerce library's order line that was sold (docs/RULES.md §21). */
  @Column({ name: 'order_line_id', type: 'uuid', nullable: true })
  orderLineId: string | null;

  /** The checkout that paid the order line: a link counts one conversion per checkout (docs/RULES.md §21); null for a subscription delivery's. */
  @Column({ name: 'checkout_id', type: 'uuid', nullable: true })
  checkoutId: string | null;

  @Column({ name: 'listing_id', type: 'uuid' })
  listingId: string;

  /** The agency that pays the commission out of its share of the sale. */
  @Column({ name: 'partner_agency_id', type: 'uuid' })
  partnerAgencyId: string;

  /** What was paid for the line after discounts, without shipping. */
  @Field(() => MoneyScalar, { description: 'Won the buyer paid for the sale: what the rate applies to.' })
  @Column({ name: 'base_amount', type: 'bigint', transformer: BIGINT_WON })
  baseAmount: number;

  /** The listing's rate at the time of sale. */
  @Field(() => Int, { description: "The listing's commission rate at payment, in basis points (1–3000); later changes to the listing do not touch it." })
  @Column({ name: 'rate_bps', type: 'integer' })
  rateBps: number;

  /** floor(base × rate / 10000). */
  @Field(() => MoneyScalar, { description: 'Won earned on the sale: baseAmount × rateBps / 10000, rounded down.' })
  @Column({ type: 'bigint', transformer: BIGINT_WON })
  amount: number;

  /** Taken back by refunds; what the creator earns is amount − reversedAmount. */
  @Field(() => MoneyScalar, {
    description: 'Won taken back by refunds (the refunded share of `amount`, rounded down); the creator earns amount − reversedAmount.',
  })
  @Column({ name: 'reversed_amount', type: 'bigint', transformer: BIGINT_WON })
  reversedAmount: number;

  @Field(() => CommissionStatus, { description: 'Pending, approved, paid or reversed.' })
  @Column({ type: 'text' })
  status: CommissionStatus;

  @Field(() => Date, { nullable: true, description: 'When it was approved; null if it has not been.' })
  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true })
  approvedAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When its payout was marked paid; null unless PAID.' })
  @Column({ name: 'paid_at', type: 'timestamptz', nullable: true })
  paidAt: Date | null;

  /** The payout that includes it, once `runPayouts` has picked it up. */
  @Column({ name: 'payout_id', type: 'uuid', nullable: true })
  payoutId: string | null;

  @Field({ description: 'When the sale was paid and the commission recorded; lists are newest first by this.' })
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
