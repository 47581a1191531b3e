import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { PartnerAgency } from './partner-agency.entity.js';

export enum StrikeReason {
  LATE_SHIPMENT = 'LATE_SHIPMENT',
  MISSING_TRACKING_NUMBER = 'MISSING_TRACKING_NUMBER',
  LATE_RETURN_HANDLING = 'LATE_RETURN_HANDLING',
  PROVIDER_CANCELLATION = 'PROVIDER_CANCELLATION',
  PROVIDER_NO_SHOW = 'PROVIDER_NO_SHOW',
  POLICY_VIOLATION = 'POLICY_VIOLATION',
}
registerEnumType(StrikeReason, {
  name: 'StrikeReason',
  description: 'What a partner agency did to earn a strike.',
  valuesMap: {
    LATE_SHIPMENT: { description: 'Goods not shipped by the dispatch deadline.' },
    MISSING_TRACKING_NUMBER: { description: 'A parcel with no carrier scan in time after its tracking number was registered.' },
    LATE_RETURN_HANDLING: { description: 'A received return was neither refunded nor reshipped within 3 business days (docs/RULES.md §18).' },
    PROVIDER_CANCELLATION: { description: 'The agency cancelled a paid reservation or order.' },
    PROVIDER_NO_SHOW: { description: 'The agency did not turn up for a reservation.' },
    POLICY_VIOLATION: { description: 'A breach of the operating principles or ethics code, recorded by an operator.' },
  },
});

/** A recorded failure of a partner agency, added by the operator or by other libraries. */
@ObjectType('Strike', { description: "A recorded failure of a partner agency, kept for review (the agency's members and operators)." })
@Entity('strike')
@Index('strike_partner_agency_idx', ['partnerAgencyId', 'createdAt'])
@Index('strike_order_idx', ['orderId'], { where: 'order_id IS NOT NULL' })
@Index('strike_order_once_uq', ['orderId', 'reason'], { unique: true, where: `reason IN ('LATE_SHIPMENT', 'MISSING_TRACKING_NUMBER')` })
@Check(
  'strike_reason_check',
  `reason IN ('LATE_SHIPMENT', 'MISSING_TRACKING_NUMBER', 'LATE_RETURN_HANDLING', 'PROVIDER_CANCELLATION', 'PROVIDER_NO_SHOW', 'POLICY_VIOLATION')`,
)
export class Strike {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'partner_agency_id', type: 'uuid' })
  partnerAgencyId: string;

  @Field(() => StrikeReason, { description: 'What the agency did.' })
  @Column({ type: 'text' })
  reason: StrikeReason;

  /** The commerce order that caused it (no foreign key across libraries); resolved as `Strike.order` by commerce. */
  @Column({ name: 'order_id', type: 'uuid', nullable: true })
  orderId: string | null;

  @Field(() => String, { nullable: true, description: 'Details, when given.' })
  @Column({ type: 'text', nullable: true })
  note: string | null;

  /** The operator who added it; null when another library recorded it (a late shipment…). */
  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @Field({ description: 'When it was recorded.' })
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @ManyToOne(() => PartnerAgency)
  @JoinColumn({ name: 'partner_agency_id', foreignKeyConstraintName: 'strike_partner_agency_id_fkey' })
  partnerAgency?: Relation<PartnerAgency>;
}
