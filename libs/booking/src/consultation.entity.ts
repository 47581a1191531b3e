import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

export enum ConsultationStatus {
  OPEN = 'OPEN',
  OFFERED = 'OFFERED',
  ACCEPTED = 'ACCEPTED',
  /** The agency declined the request. */
  DECLINED = 'DECLINED',
  /** The buyer withdrew it. */
  CANCELLED = 'CANCELLED',
  /** Its offer lapsed unanswered; the agency may send a new one. */
  EXPIRED = 'EXPIRED',
}
registerEnumType(ConsultationStatus, { name: 'ConsultationStatus' });

/** A buyer's conversation with a partner agency about a service listing, leading to offers (docs/RULES.md §8). */
@ObjectType('Consultation')
@Entity('consultation')
@Index('consultation_buyer_idx', ['buyerId', 'createdAt', 'id'])
@Index('consultation_partner_agency_idx', ['partnerAgencyId', 'createdAt', 'id'])
@Check('consultation_status_check', `status IN ('OPEN', 'OFFERED', 'ACCEPTED', 'DECLINED', 'CANCELLED', 'EXPIRED')`)
export class Consultation {
  @Field(() => ID)
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** The catalog's listing (no foreign key across libraries). */
  @Column({ name: 'listing_id', type: 'uuid' })
  listingId: string;

  @Column({ name: 'buyer_id', type: 'uuid' })
  buyerId: string;

  /** The listing's agency, copied at creation: who may answer and who may read. */
  @Column({ name: 'partner_agency_id', type: 'uuid' })
  partnerAgencyId: string;

  @Field(() => ConsultationStatus)
  @Column({ type: 'text' })
  status: ConsultationStatus;

  @Field(() => [Date])
  @Column({ name: 'preferred_times', type: 'timestamptz', array: true })
  preferredTimes: Date[];

  /** Carried to the reservation an accepted offer creates (docs/RULES.md §10). */
  @Column({ name: 'attribution_token', type: 'text', nullable: true })
  attributionToken: string | null;

  /** Why it was declined or withdrawn. */
  @Column({ name: 'closing_reason', type: 'text', nullable: true })
  closingReason: string | null;

  @Field()
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
