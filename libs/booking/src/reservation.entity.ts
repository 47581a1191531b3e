import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { B2BPurchase } from '../../membership/src/index.js';
import { MoneyScalar } from '../../common/src/index.js';
import { BIGINT_WON } from '../../ledger/src/index.js';
import { Consultation } from './consultation.entity.js';

export enum ReservationStatus {
  PENDING_PAYMENT = 'PENDING_PAYMENT',
  CONFIRMED = 'CONFIRMED',
  COMPLETED = 'COMPLETED',
  CANCELLED = 'CANCELLED',
  EXPIRED = 'EXPIRED',
  NO_SHOW = 'NO_SHOW',
}
registerEnumType(ReservationStatus, {
  name: 'ReservationStatus',
  description:
    'Where a reservation is: PENDING_PAYMENT → CONFIRMED → COMPLETED or NO_SHOW; CANCELLED from either of the first two, EXPIRED from PENDING_PAYMENT.',
  valuesMap: {
    PENDING_PAYMENT: { description: 'Created and holding a seat until `holdExpiresAt`; the buyer pays it with payReservation.' },
    CONFIRMED: { description: "Paid; the seat is the buyer's." },
    COMPLETED: {
      description: 'Served: marked by the agency or an operator after the end, else automatically 72 hours after it by default; the buyer may review it once.',
    },
    CANCELLED: {
      description: 'Cancelled by the buyer, the agency or an operator (`cancelledBy`); the seat is free again and any refund is in `refundedAmount`.',
    },
    EXPIRED: { description: 'The hold ended unpaid; the seat is free again and nothing was charged.' },
    NO_SHOW: { description: 'The buyer did not come, as the agency or an operator recorded after the start; nothing is refunded.' },
  },
});

/** Who cancelled a reservation; decides the refund (docs/RULES.md §8). */
export enum CancelledBy {
  BUYER = 'BUYER',
  PARTNER_AGENCY = 'PARTNER_AGENCY',
  OPERATOR = 'OPERATOR',
}
registerEnumType(CancelledBy, {
  name: 'ReservationCancelledBy',
  description: 'Who cancelled a reservation. PARTNER_AGENCY also when the agency withdrew (퇴점); `cancellationReason` says so.',
  valuesMap: {
    BUYER: { description: "The buyer: the refund is the listing's cancellation policy share for the hours left before the start." },
    PARTNER_AGENCY: {
      description: 'An OWNER or MANAGER of the agency, or its withdrawal: a full refund, and a PROVIDER_CANCELLATION strike unless it withdrew.',
    },
    OPERATOR: { description: 'An operator, for the platform: a full refund and no strike.' },
  },
});

/**
 * A buyer's booking of a service listing's time. Its capacity is held by one row of reservation_seat;
 * the status moves only through ReservationTransitions (booking-transitions.ts).
 */
@ObjectType('Reservation', {
  description: "A buyer's booking of one service listing's time, holding a seat of its capacity: seen by the buyer, the agency's members and operators.",
})
@Entity('reservation')
@Index('reservation_buyer_organization_idx', ['b2b.buyerOrganizationId', 'createdAt', 'id'], { where: 'buyer_organization_id IS NOT NULL' })
@Index('reservation_number_uq', ['number'], { unique: true })
@Index('reservation_consultation_uq', ['consultationId'], { unique: true })
@Index('reservation_buyer_idx', ['buyerId', 'createdAt', 'id'])
@Index('reservation_partner_agency_idx', ['partnerAgencyId', 'createdAt', 'id'])
@Index('reservation_buyer_starts_at_idx', ['buyerId', 'startsAt', 'id'])
@Index('reservation_partner_agency_starts_at_idx', ['partnerAgencyId', 'startsAt', 'id'])
@Check('reservation_status_check', `status IN ('PENDING_PAYMENT', 'CONFIRMED', 'COMPLETED', 'CANCELLED', 'EXPIRED', 'NO_SHOW')`)
@Check('reservation_cancelled_by_check', `cancelled_by IN ('BUYER', 'PARTNER_AGENCY', 'OPERATOR')`)
@Check('reservation_time_check', `ends_at > starts_at`)
@Check('reservation_amount_check', `amount > 0 AND refunded_amount >= 0 AND refunded_amount <= amount`)
@Check('reservation_hold_check', `status <> 'PENDING_PAYMENT' OR hold_expires_at IS NOT NULL`)
@Check('reservation_fee_rate_check', `platform_fee_rate_bps BETWEEN 0 AND 10000`)
export class Reservation {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** Human-readable, for the buyer and the agency to talk about it (e.g. R251123-7KQ2XD). */
  @Field({ description: 'Short reference for the buyer and the agency to quote, unique, e.g. R251123-7KQ2XD.' })
  @Column({ type: 'text' })
  number: string;

  /** The catalog's listing (no foreign key across libraries). */
  @Column({ name: 'listing_id', type: 'uuid' })
  listingId: string;

  /** The buyer in identity. */
  @Column({ name: 'buyer_id', type: 'uuid' })
  buyerId: string;

  /** The listing's partner agency in membership, copied at creation. */
  @Column({ name: 'partner_agency_id', type: 'uuid' })
  partnerAgencyId: string;

  /** Set when the reservation came from an accepted offer. */
  @Column({ name: 'consultation_id', type: 'uuid', nullable: true })
  consultationId: string | null;

  @Field(() => ReservationStatus, { description: 'Awaiting payment, confirmed, completed, cancelled, expired or no-show.' })
  @Column({ type: 'text' })
  status: ReservationStatus;

  @Field({ description: "When the service starts: a slot of the listing, or the accepted offer's time." })
  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt: Date;

  @Field({ description: 'When the service ends, after `startsAt`; completing is possible from then on.' })
  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt: Date;

  @Field(() => MoneyScalar, { description: "Won to pay, fixed at creation: the listing's price, or the accepted offer's price." })
  @Column({ type: 'bigint', transformer: BIGINT_WON })
  amount: number;

  /** Until when an unpaid reservation holds its capacity; cleared once it is paid. */
  @Field(() => Date, { nullable: true, description: 'Until when an unpaid reservation holds its seat (15 minutes by default); null once paid.' })
  @Column({ name: 'hold_expires_at', type: 'timestamptz', nullable: true })
  holdExpiresAt: Date | null;

  /** The payment in libs/payments, created with the reservation. */
  @Column({ name: 'payment_id', type: 'uuid', nullable: true })
  paymentId: string | null;

  /** The agency's platform fee rate when it was paid, kept with the sale (docs/RULES.md §5). */
  @Column({ name: 'platform_fee_rate_bps', type: 'integer', nullable: true })
  platformFeeRateBps: number | null;

  /** Follows the payment's refunds, whoever started them. */
  @Field(() => MoneyScalar, { description: 'Won refunded so far, whoever started the refund; never more than `amount`.' })
  @Column({ name: 'refunded_amount', type: 'bigint', transformer: BIGINT_WON })
  refundedAmount: number;

  /** Given to `reserve` or the consultation, for the market-creator library's attribution (docs/RULES.md §10). */
  @Column({ name: 'attribution_token', type: 'text', nullable: true })
  attributionToken: string | null;

  @Field(() => String, { nullable: true, description: 'Why it was cancelled, as the canceller gave it; null unless CANCELLED.' })
  @Column({ name: 'cancellation_reason', type: 'text', nullable: true })
  cancellationReason: string | null;

  @Field(() => CancelledBy, { nullable: true, description: 'Who cancelled it; null unless CANCELLED.' })
  @Column({ name: 'cancelled_by', type: 'text', nullable: true })
  cancelledBy: CancelledBy | null;

  @Column({ name: 'paid_at', type: 'timestamptz', nullable: true })
  paidAt: Date | null;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  /** Who it was bought for (docs/RULES.md §23); all null for a personal purchase. */
  @Column(() => B2BPurchase, { prefix: false })
  b2b: B2BPurchase;

  @Field({ description: 'When it was reserved; lists are newest first by this.' })
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @ManyToOne(() => Consultation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'consultation_id', foreignKeyConstraintName: 'reservation_consultation_id_fkey' })
  consultation?: Relation<Consultation>;
}
