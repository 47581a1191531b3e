import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { PartnerAgency } from './partner-agency.entity.js';

export enum StrikeReason {
  LATE_SHIPMENT = 'LATE_SHIPMENT',
  MISSING_TRACKING_NUMBER = 'MISSING_TRACKING_NUMBER',
  PROVIDER_CANCELLATION = 'PROVIDER_CANCELLATION',
  PROVIDER_NO_SHOW = 'PROVIDER_NO_SHOW',
  POLICY_VIOLATION = 'POLICY_VIOLATION',
}
registerEnumType(StrikeReason, { name: 'StrikeReason' });

/** A recorded failure of a partner agency, added by the operator or by other libraries. */
@ObjectType('Strike')
@Entity('strike')
@Index('strike_partner_agency_idx', ['partnerAgencyId', 'createdAt'])
@Check('strike_reason_check', `reason IN ('LATE_SHIPMENT', 'MISSING_TRACKING_NUMBER', 'PROVIDER_CANCELLATION', 'PROVIDER_NO_SHOW', 'POLICY_VIOLATION')`)
export class Strike {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'partner_agency_id', type: 'uuid' })
  partnerAgencyId: string;

  @Field(() => StrikeReason)
  @Column({ type: 'text' })
  reason: StrikeReason;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  note: string | null;

  /** The operator who added it; null when another library recorded it (a late shipment…). */
  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @Field()
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @ManyToOne(() => PartnerAgency)
  @JoinColumn({ name: 'partner_agency_id', foreignKeyConstraintName: 'strike_partner_agency_id_fkey' })
  partnerAgency?: Relation<PartnerAgency>;
}
