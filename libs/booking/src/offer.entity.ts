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
registerEnumType(OfferStatus, { name: 'OfferStatus' });

/** An agency's price and time for a consultation; at most one PENDING per consultation. */
@ObjectType('Offer')
@Entity('offer')
@Index('offer_consultation_idx', ['consultationId', 'createdAt'])
@Index('offer_pending_uq', ['consultationId'], { unique: true, where: `status = 'PENDING'` })
@Check('offer_status_check', `status IN ('PENDING', 'ACCEPTED', 'DECLINED', 'EXPIRED', 'WITHDRAWN')`)
@Check('offer_price_check', `price > 0`)
@Check('offer_time_check', `ends_at > starts_at`)
export class Offer {
  @Field(() => ID)
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'consultation_id', type: 'uuid' })
  consultationId: string;

  @Field(() => MoneyScalar)
  @Column({ type: 'bigint', transformer: BIGINT_WON })
  price: number;

  @Field()
  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt: Date;

  @Field()
  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt: Date;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Field()
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Field(() => OfferStatus)
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
