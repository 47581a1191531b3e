import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { MoneyScalar } from '../../common/src/index.js';
import { BIGINT_WON } from '../../ledger/src/index.js';
import { Consultation } from './consultation.entity.js';

export enum OfferStatus {
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
  EXPIRED = 'EXPIRED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(OfferStatus, {
  name: 'OfferStatus',
  description: 'Where an offer is: PENDING until accepted, declined, expired or withdrawn; at most one per consultation is PENDING.',
  valuesMap: {
    PENDING: { description: 'Open to the buyer until `expiresAt`.' },
    ACCEPTED: { description: 'The buyer accepted it and a reservation was created at its price and time.' },
    DECLINED: { description: 'Closed with its consultation by declineConsultation, from either side.' },
    EXPIRED: { description: 'Unanswered at `expiresAt`.' },
    WITHDRAWN: { description: 'Replaced by a newer offer of the agency.' },
  },
});

/** An agency's price and time for a consultation; at most one PENDING per consultation. */
@ObjectType('Offer', { description: "A partner agency's price and time for a consultation, which the buyer may accept into a reservation." })
@Entity('offer')
@Index('offer_consultation_idx', ['consultationId', 'createdAt'])
@Index('offer_pending_uq', ['consultationId'], { unique: true, where: `status = 'PENDING'` })
@Check('offer_status_check', `status IN ('PENDING', 'ACCEPTED', 'DECLINED', 'EXPIRED', 'WITHDRAWN')`)
@Check('offer_price_check', `price > 0`)
@Check('offer_time_check', `ends_at > starts_at`)
export class Offer {
  @Field(() => ID, { description: 'Stable identifier (UUID); pass it to acceptOffer.' })
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'consultation_id', type: 'uuid' })
  consultationId: string;

  @Field(() => MoneyScalar, { description: 'Won the buyer pays on accepting, more than 0.' })
  @Column({ type: 'bigint', transformer: BIGINT_WON })
  price: number;

  @Field({ description: 'When the offered service starts, in the future when sent.' })
  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt: Date;

  @Field({ description: 'When the offered service ends, after `startsAt`.' })
  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt: Date;

  @Field(() => String, { nullable: true, description: "The agency's words to the buyer; null when none were given." })
  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Field({ description: 'Until when the buyer may accept it: 48 hours after sending by default, never after `startsAt`.' })
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Field(() => OfferStatus, { description: 'Pending, accepted, declined, expired or withdrawn.' })
  @Column({ type: 'text' })
  status: OfferStatus;

  /** The agency member who sent it. */
  @Column({ name: 'sent_by', type: 'uuid' })
  sentBy: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @ManyToOne(() => Consultation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'consultation_id', foreignKeyConstraintName: 'offer_consultation_id_fkey' })
  consultation?: Relation<Consultation>;
}
