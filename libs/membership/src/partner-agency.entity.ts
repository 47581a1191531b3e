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
registerEnumType(PartnerAgencyStatus, {
  name: 'PartnerAgencyStatus',
  description: "Where a partner agency is in its life; only an ACTIVE agency's listings are public and bookable.",
  valuesMap: {
    PENDING_REVIEW: { description: 'Applied; waiting for an operator.' },
    CHANGES_REQUESTED: { description: 'An operator asked for changes (see reviewNote); the agency may apply again at once.' },
    REJECTED: { description: 'Refused (see reviewNote); may apply again after 30 days.' },
    AWAITING_DUES: { description: 'Approved; becomes ACTIVE when the first dues invoice is paid.' },
    ACTIVE: { description: 'Selling: its PUBLISHED listings are public, bookable and curatable.' },
    SUSPENDED: { description: 'Listings hidden and no new sales; for unpaid dues (ends when paid) or by an operator (ends on reinstatement).' },
    WITHDRAWN: { description: 'Left the platform (퇴점), final; unpaid invoices voided, reservations not yet started cancelled with full refunds.' },
  },
});

export enum ReviewDecision {
  APPROVE = 'APPROVE',
  REJECT = 'REJECT',
  REQUEST_CHANGES = 'REQUEST_CHANGES',
}
registerEnumType(ReviewDecision, {
  name: 'ReviewDecision',
  description: "An operator's answer to an application.",
  valuesMap: {
    APPROVE: { description: 'Accept: the first dues invoice is issued.' },
    REJECT: { description: 'Refuse; needs a note.' },
    REQUEST_CHANGES: { description: 'Send back for changes; needs a note.' },
  },
});

/** Why a SUSPENDED agency is suspended: only a suspension for dues ends by paying them. */
export enum SuspensionCause {
  DUES = 'DUES',
  OPERATOR = 'OPERATOR',
}

/**
 * An organization approved (or applying) to supply goods and services. One per organization: a
 * reapplication reuses the row. The status moves only through partner-agency-transitions.ts.
 */
@ObjectType('PartnerAgency', {
  description: 'An organization approved (or applying) to sell on Dure. The public sees ACTIVE agencies, members their own, operators all.',
})
@Entity('partner_agency')
@Unique('partner_agency_organization_uq', ['organizationId'])
@Index('partner_agency_status_idx', ['status', 'appliedAt'])
@Index('partner_agency_tier_idx', ['tierId'])
@Check('partner_agency_status_check', `status IN ('PENDING_REVIEW', 'CHANGES_REQUESTED', 'REJECTED', 'AWAITING_DUES', 'ACTIVE', 'SUSPENDED', 'WITHDRAWN')`)
@Check('partner_agency_suspension_check', `(status = 'SUSPENDED') = (suspension_cause IS NOT NULL)`)
@Check('partner_agency_suspension_cause_check', `suspension_cause IN ('DUES', 'OPERATOR')`)
@Check('partner_agency_billing_period_check', `billing_period IN ('MONTHLY', 'YEARLY')`)
@Check('partner_agency_scheduled_tier_check', `(scheduled_tier_id IS NULL) = (scheduled_tier_from IS NULL)`)
export class PartnerAgency {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The organization in identity (no foreign key across libraries). */
  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @Field(() => PartnerAgencyStatus, { description: 'Where it is in review, dues and sanctions.' })
  @Column({ type: 'text' })
  status: PartnerAgencyStatus;

  @Column({ name: 'tier_id', type: 'uuid' })
  tierId: string;

  @Field({ description: "The agency's own introduction, as in its latest application." })
  @Column({ type: 'text' })
  introduction: string;

  @Field(() => [ServiceCategory], { description: 'The fields it works in, at least one.' })
  @Column({ name: 'service_categories', type: 'text', array: true })
  serviceCategories: ServiceCategory[];

  @Field(() => String, { nullable: true, description: "The operator's note on the latest review; null until reviewed." })
  @Column({ name: 'review_note', type: 'text', nullable: true })
  reviewNote: string | null;

  /** The latest (re)application. */
  @Field({ description: 'When it last applied (or applied again).' })
  @Column({ name: 'applied_at', type: 'timestamptz' })
  appliedAt: Date;

  /** When the first dues payment made it ACTIVE. */
  @Field(() => Date, { nullable: true, description: 'When the first dues payment made it ACTIVE; null before.' })
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
