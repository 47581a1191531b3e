import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { B2BPurchase } from '../../membership/src/index.js';

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
registerEnumType(ConsultationStatus, {
  name: 'ConsultationStatus',
  description: 'Where a consultation is: OPEN → OFFERED → ACCEPTED, or closed as DECLINED or CANCELLED; an offer lapsing makes it EXPIRED until the next one.',
  valuesMap: {
    OPEN: { description: 'Requested; the two sides exchange messages and no offer has been sent yet.' },
    OFFERED: { description: 'An offer is PENDING; messages continue and a newer offer replaces it.' },
    ACCEPTED: { description: 'The buyer accepted an offer; `reservation` is the result.' },
    DECLINED: { description: 'The agency refused it with declineConsultation; final.' },
    CANCELLED: { description: 'The buyer withdrew it with declineConsultation; final.' },
    EXPIRED: { description: 'Its offer lapsed unanswered; the agency may send a new one, or either side close it.' },
  },
});

/** A buyer's conversation with a partner agency about a service listing, leading to offers (docs/RULES.md §8). */
@ObjectType('Consultation', {
  description:
    "A buyer's conversation with a partner agency about a SERVICE listing, leading to offers: seen by the buyer, the agency's members and operators.",
})
@Entity('consultation')
@Index('consultation_buyer_organization_idx', ['b2b.buyerOrganizationId', 'createdAt', 'id'], { where: 'buyer_organization_id IS NOT NULL' })
@Index('consultation_buyer_idx', ['buyerId', 'createdAt', 'id'])
@Index('consultation_partner_agency_idx', ['partnerAgencyId', 'createdAt', 'id'])
@Check('consultation_status_check', `status IN ('OPEN', 'OFFERED', 'ACCEPTED', 'DECLINED', 'CANCELLED', 'EXPIRED')`)
export class Consultation {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
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

  @Field(() => ConsultationStatus, { description: 'Open, offered, accepted, declined, cancelled or expired.' })
  @Column({ type: 'text' })
  status: ConsultationStatus;

  @Field(() => [Date], { description: 'Times the buyer suggested when asking, earliest first; possibly none.' })
  @Column({ name: 'preferred_times', type: 'timestamptz', array: true })
  preferredTimes: Date[];

  /** Carried to the reservation an accepted offer creates (docs/RULES.md §10). */
  @Column({ name: 'attribution_token', type: 'text', nullable: true })
  attributionToken: string | null;

  /** Why it was declined or withdrawn. */
  @Column({ name: 'closing_reason', type: 'text', nullable: true })
  closingReason: string | null;

  /** Who it was bought for (docs/RULES.md §23); all null for a personal purchase. */
  @Column(() => B2BPurchase, { prefix: false })
  b2b: B2BPurchase;

  @Field({ description: 'When it was requested; lists are newest first by this.' })
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
