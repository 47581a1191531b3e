import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import { DateScalar } from '../../common/src/index.js';
import { BillingPeriod, MembershipTier } from './membership-tier.entity.js';
import { ServiceCategory } from './service-category.js';

export enum PartnerAgencyStatus {
  PENDING_REVIEW = 'PENDING_REVIEW',
  CHANGES_REQUESTED = 'CHANGES_REQUESTED',
  REJECTED = 'REJECTED',
  AWAITING_DUES = 'AWAITING_DUES',
  ACTIVE = 'ACTIVE',
  SUSPENDED = 'SUSPENDED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(PartnerAgencyStatus, { name: 'PartnerAgencyStatus' });

export enum ReviewDecision {
  APPROVE = 'APPROVE',
  REJECT = 'REJECT',
  REQUEST_CHANGES = 'REQUEST_CHANGES',
}
registerEnumType(ReviewDecision, { name: 'ReviewDecision' });

/** Why a SUSPENDED agency is suspended: only a suspension for dues ends by paying them. */
export enum SuspensionCause {
  DUES = 'DUES',
  OPERATOR = 'OPERATOR',
}

/**
 * An organization approved (or applying) to supply goods and services. One per organization: a
 * reapplication reuses the row. The status moves only through partner-agency-transitions.ts.
 */
@ObjectType('PartnerAgency')
@Entity('partner_agency')
@Unique('partner_agency_organization_uq', ['organizationId'])
@Index('partner_agency_status_idx', ['status', 'appliedAt'])
@Index('partner_agency_tier_idx', ['tierId'])
@Check(
  'partner_agency_status_check',
  `status IN ('PENDING_REVIEW', 'CHANGES_REQUESTED', 'REJECTED', 'AWAITING_DUES', 'ACTIVE', 'SUSPENDED', 'WITHDRAWN')`,
)
@Check('partner_agency_suspension_check', `(status = 'SUSPENDED') = (suspension_cause IS NOT NULL)`)
@Check('partner_agency_suspension_cause_check', `suspension_cause IN ('DUES', 'OPERATOR')`)
@Check('partner_agency_billing_period_check', `billing_period IN ('MONTHLY', 'YEARLY')`)
@Check('partner_agency_scheduled_tier_check', `(scheduled_tier_id IS NULL) = (scheduled_tier_from IS NULL)`)
export class PartnerAgency {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The organization in identity (no foreign key across libraries). */
  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @Field(() => PartnerAgencyStatus)
  @Column({ type: 'text' })
  status: PartnerAgencyStatus;

  @Column({ name: 'tier_id', type: 'uuid' })
  tierId: string;

  @Field()
  @Column({ type: 'text' })
  introduction: string;

  @Field(() => [ServiceCategory])
  @Column({ name: 'service_categories', type: 'text', array: true })
  serviceCategories: ServiceCategory[];

  @Field(() => String, { nullable: true })
  @Column({ name: 'review_note', type: 'text', nullable: true })
  reviewNote: string | null;

  /** The latest (re)application. */
  @Field()
  @Column({ name: 'applied_at', type: 'timestamptz' })
  appliedAt: Date;

  /** When the first dues payment made it ACTIVE. */
  @Field(() => Date, { nullable: true })
  @Column({ name: 'activated_at', type: 'timestamptz', nullable: true })
  activatedAt: Date | null;

  /** When the current status began (the reapplication wait and the dues grace count from it). */
  @Column({ name: 'status_changed_at', type: 'timestamptz' })
  statusChangedAt: Date;

  @Column({ name: 'suspension_cause', type: 'text', nullable: true })
  suspensionCause: SuspensionCause | null;

  /** The operator's reason for a suspension, or the withdrawal's reason. */
  @Column({ name: 'status_reason', type: 'text', nullable: true })
  statusReason: string | null;

  /**
   * The billing schedule, set at approval: periods of `billingPeriod` length, on the day of the month
   * `billingAnchor` fell on. A tier with another period length restarts the schedule at its first period.
   */
  @Column({ name: 'billing_anchor', type: 'date', nullable: true })
  billingAnchor: string | null;

  @Column({ name: 'billing_period', type: 'text', nullable: true })
  billingPeriod: BillingPeriod | null;

  /** A downgrade waiting for the next period (docs/RULES.md §5). */
  @Column({ name: 'scheduled_tier_id', type: 'uuid', nullable: true })
  scheduledTierId: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'The first day of the period from which scheduledTier applies.' })
  @Column({ name: 'scheduled_tier_from', type: 'date', nullable: true })
  scheduledTierFrom: string | null;

  @ManyToOne(() => MembershipTier)
  @JoinColumn({ name: 'tier_id', foreignKeyConstraintName: 'partner_agency_tier_id_fkey' })
  tier?: Relation<MembershipTier>;

  @ManyToOne(() => MembershipTier)
  @JoinColumn({ name: 'scheduled_tier_id', foreignKeyConstraintName: 'partner_agency_scheduled_tier_id_fkey' })
  scheduledTier?: Relation<MembershipTier>;
}
