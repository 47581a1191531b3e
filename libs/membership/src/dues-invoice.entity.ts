import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { DateScalar, MoneyScalar } from '../../common/src/index.js';
import { BIGINT_WON } from '../../ledger/src/index.js';
import { MembershipTier } from './membership-tier.entity.js';
import { PartnerAgency } from './partner-agency.entity.js';

export enum DuesInvoiceStatus {
  OPEN = 'OPEN',
  PAID = 'PAID',
  OVERDUE = 'OVERDUE',
  VOID = 'VOID',
}
registerEnumType(DuesInvoiceStatus, {
  name: 'DuesInvoiceStatus',
  description: 'Whether a dues invoice is paid.',
  valuesMap: {
    OPEN: { description: 'Issued, not yet due or due today; can be paid.' },
    OVERDUE: { description: 'Unpaid after its due date; can be paid. More than 14 days overdue suspends an ACTIVE agency.' },
    PAID: { description: 'Paid; `paidAt` says when.' },
    VOID: { description: 'Cancelled: the agency withdrew, or the period is invoiced again at another tier.' },
  },
});

export enum DuesInvoiceKind {
  /** One whole billing period. */
  REGULAR = 'REGULAR',
  /** The difference an upgrade costs for the rest of an already invoiced period. */
  PRORATED = 'PRORATED',
}
registerEnumType(DuesInvoiceKind, {
  name: 'DuesInvoiceKind',
  description: 'What a dues invoice charges for.',
  valuesMap: {
    REGULAR: { description: "One whole billing period at the tier's dues." },
    PRORATED: { description: 'The extra daily cost of an upgrade for the days left of an already invoiced period.' },
  },
});

/**
 * Dues for one billing period (docs/RULES.md §5), paid through the payments library. Periods are inclusive
 * Seoul dates; the due date is the period's first day. The status moves only through dues-invoice-transitions.ts.
 */
@ObjectType('DuesInvoice', { description: "Membership dues of a partner agency for one period (the agency's members and operators)." })
@Entity('dues_invoice')
// The database's guarantee that no period is invoiced twice, however many sweeps run at once (a voided
// invoice may be reissued at another tier).
@Index('dues_invoice_period_uq', ['partnerAgencyId', 'periodStart'], { unique: true, where: `kind = 'REGULAR' AND status <> 'VOID'` })
@Index('dues_invoice_agency_idx', ['partnerAgencyId', 'periodEnd'])
@Index('dues_invoice_unpaid_idx', ['dueDate'], { where: `status IN ('OPEN', 'OVERDUE')` })
@Check('dues_invoice_status_check', `status IN ('OPEN', 'PAID', 'OVERDUE', 'VOID')`)
@Check('dues_invoice_kind_check', `kind IN ('REGULAR', 'PRORATED')`)
@Check('dues_invoice_amount_check', `amount > 0`)
@Check('dues_invoice_period_check', `period_start <= period_end`)
@Check('dues_invoice_paid_check', `(status = 'PAID') = (paid_at IS NOT NULL)`)
export class DuesInvoice {
  @Field(() => ID, { description: 'Pass it as `PayInput.id` to payDuesInvoice.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'partner_agency_id', type: 'uuid' })
  partnerAgencyId: string;

  @Column({ name: 'tier_id', type: 'uuid' })
  tierId: string;

  @Field(() => DuesInvoiceKind, { description: 'A whole period or an upgrade difference.' })
  @Column({ type: 'text' })
  kind: DuesInvoiceKind;

  @Field(() => DateScalar, { description: "First day covered (Seoul date); for PRORATED, the upgrade's day or the period's first day if later." })
  @Column({ name: 'period_start', type: 'date' })
  periodStart: string;

  /** The period's last day (inclusive). */
  @Field(() => DateScalar, { description: 'Last day of the period covered, inclusive.' })
  @Column({ name: 'period_end', type: 'date' })
  periodEnd: string;

  @Field(() => MoneyScalar, { description: 'Won to pay, more than 0.' })
  @Column({ type: 'bigint', transformer: BIGINT_WON })
  amount: number;

  @Field(() => DuesInvoiceStatus, { description: 'Open, overdue, paid or void.' })
  @Column({ type: 'text' })
  status: DuesInvoiceStatus;

  @Field(() => DateScalar, { description: 'Due on this Seoul date: the first day of its period.' })
  @Column({ name: 'due_date', type: 'date' })
  dueDate: string;

  @Field(() => Date, { nullable: true, description: 'When it was paid; null unless PAID.' })
  @Column({ name: 'paid_at', type: 'timestamptz', nullable: true })
  paidAt: Date | null;

  /** The payment (payments library) that collects it; set when the invoice is issued. */
  @Column({ name: 'payment_id', type: 'uuid', nullable: true })
  paymentId: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @ManyToOne(() => PartnerAgency)
  @JoinColumn({ name: 'partner_agency_id', foreignKeyConstraintName: 'dues_invoice_partner_agency_id_fkey' })
  partnerAgency?: Relation<PartnerAgency>;

  @ManyToOne(() => MembershipTier)
  @JoinColumn({ name: 'tier_id', foreignKeyConstraintName: 'dues_invoice_tier_id_fkey' })
  tier?: Relation<MembershipTier>;
}
