import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DateScalar, SignedMoneyScalar } from '../../common/src/index.js';
import { BIGINT_WON } from '../../ledger/src/index.js';

export enum SettlementStatus {
  DRAFT = 'DRAFT',
  ISSUED = 'ISSUED',
  DISPUTED = 'DISPUTED',
  PAID = 'PAID',
  CARRIED_OVER = 'CARRIED_OVER',
}
registerEnumType(SettlementStatus, {
  name: 'SettlementStatus',
  description: 'RULES §22 transition table.',
  valuesMap: {
    DRAFT: { description: 'Generated for a closed month; the operator may add adjustments.' },
    ISSUED: { description: 'Sent to the agency; it may dispute within 7 days.' },
    DISPUTED: { description: 'The agency disputed it; an operator resolves the dispute (back to ISSUED).' },
    PAID: { description: 'Its net was transferred to the payout account.' },
    CARRIED_OVER: { description: "Net was 0 or negative: carried into the next month's statement." },
  },
});

/**
 * One partner agency's statement for one KST month (docs/RULES.md §22). Its money columns are the sums of
 * its lines, recomputed whenever a line is added; the unique agency + month makes generation idempotent.
 */
@ObjectType('SettlementStatement', {
  description:
    "One partner agency's monthly statement (월 정산서) for a KST calendar month. netPayable = salesBase − platformFee − commissions + shipping + adjustments + carriedOver.",
})
@Entity('settlement_statement')
@Index('settlement_statement_agency_month_uq', ['partnerAgencyId', 'month'], { unique: true })
@Index('settlement_statement_month_idx', ['month', 'id'])
@Check('settlement_statement_status_check', `status IN ('DRAFT', 'ISSUED', 'DISPUTED', 'PAID', 'CARRIED_OVER')`)
@Check('settlement_statement_month_check', `month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`)
@Check('settlement_statement_net_check', `net_payable = sales_base - platform_fee - commissions + shipping + adjustments + carried_over`)
@Check('settlement_statement_issued_check', `status = 'DRAFT' OR (issued_at IS NOT NULL AND dispute_deadline IS NOT NULL)`)
@Check('settlement_statement_paid_check', `(status = 'PAID') = (paid_at IS NOT NULL AND transfer_reference IS NOT NULL)`)
export class SettlementStatement {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** The agency in membership (no foreign key across libraries). */
  @Column({ name: 'partner_agency_id', type: 'uuid' })
  partnerAgencyId: string;

  @Field({ description: 'YYYY-MM.' })
  @Column({ type: 'text' })
  month: string;

  @Field(() => SettlementStatus, { description: 'Where it is in the §22 table.' })
  @Column({ type: 'text' })
  status: SettlementStatus;

  @Field(() => SignedMoneyScalar, { description: 'Σ unit price × quantity ordered (reservations: their amount).' })
  @Column({ name: 'gross_sales', type: 'bigint', transformer: BIGINT_WON })
  grossSales: number;

  @Field(() => SignedMoneyScalar, { description: 'List value of cancelled and returned units, reservation refunds, refunds after settlement.' })
  @Column({ type: 'bigint', transformer: BIGINT_WON })
  returns: number;

  @Field(() => SignedMoneyScalar, { description: 'Agency-funded coupon discounts on kept units.' })
  @Column({ name: 'agency_discounts', type: 'bigint', transformer: BIGINT_WON })
  agencyDiscounts: number;

  @Field(() => SignedMoneyScalar, { description: "grossSales − returns − agencyDiscounts: what the platform fee and the agency's sales are measured on." })
  @Column({ name: 'sales_base', type: 'bigint', transformer: BIGINT_WON })
  salesBase: number;

  @Field(() => SignedMoneyScalar, { description: 'Platform-funded coupon discounts on kept units: paid by the platform, not deducted (information).' })
  @Column({ name: 'platform_discounts', type: 'bigint', transformer: BIGINT_WON })
  platformDiscounts: number;

  @Field(() => SignedMoneyScalar, { description: 'The platform fee on salesBase at the rate kept with each sale (VAT included).' })
  @Column({ name: 'platform_fee', type: 'bigint', transformer: BIGINT_WON })
  platformFee: number;

  @Field(() => SignedMoneyScalar, { description: "The VAT inside platformFee, for the platform's tax invoice to the agency: round(platformFee / 11)." })
  @Column({ name: 'platform_fee_vat', type: 'bigint', transformer: BIGINT_WON })
  platformFeeVat: number;

  @Field(() => SignedMoneyScalar, { description: "Market-creator commissions approved on this month's lines, less reversals." })
  @Column({ type: 'bigint', transformer: BIGINT_WON })
  commissions: number;

  @Field(() => SignedMoneyScalar, { description: 'Shipping income kept: buyer-paid fees not refunded, platform-funded waivers, return deductions kept.' })
  @Column({ type: 'bigint', transformer: BIGINT_WON })
  shipping: number;

  @Field(() => SignedMoneyScalar, { description: "Σ the operator's ADJUSTMENT lines." })
  @Column({ type: 'bigint', transformer: BIGINT_WON })
  adjustments: number;

  @Field(() => SignedMoneyScalar, { description: "The CARRIED_BALANCE line: an earlier statement's net of 0 or less." })
  @Column({ name: 'carried_over', type: 'bigint', transformer: BIGINT_WON })
  carriedOver: number;

  @Field(() => SignedMoneyScalar, { description: 'salesBase − platformFee − commissions + shipping + adjustments + carriedOver.' })
  @Column({ name: 'net_payable', type: 'bigint', transformer: BIGINT_WON })
  netPayable: number;

  @Field(() => Date, { nullable: true, description: 'When it was issued to the agency; null while DRAFT.' })
  @Column({ name: 'issued_at', type: 'timestamptz', nullable: true })
  issuedAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'issuedAt + 7 days: the agency may dispute until then.' })
  @Column({ name: 'dispute_deadline', type: 'timestamptz', nullable: true })
  disputeDeadline: Date | null;

  @Field(() => String, { nullable: true, description: "The agency's reason, once it disputed." })
  @Column({ name: 'dispute_reason', type: 'text', nullable: true })
  disputeReason: string | null;

  /** Set once: an agency disputes a statement at most once (docs/RULES.md §22). */
  @Column({ name: 'disputed_at', type: 'timestamptz', nullable: true })
  disputedAt: Date | null;

  @Field(() => String, { nullable: true, description: "The operator's note resolving the dispute." })
  @Column({ name: 'resolution_note', type: 'text', nullable: true })
  resolutionNote: string | null;

  @Field(() => DateScalar, { description: 'The 15th of the next month, or the next business day.' })
  @Column({ name: 'payable_on', type: 'date' })
  payableOn: string;

  @Field(() => Date, { nullable: true, description: 'When an operator marked it paid.' })
  @Column({ name: 'paid_at', type: 'timestamptz', nullable: true })
  paidAt: Date | null;

  @Field(() => String, { nullable: true, description: "The bank transfer's reference, once paid." })
  @Column({ name: 'transfer_reference', type: 'text', nullable: true })
  transferReference: string | null;

  @Field({ description: 'When it was generated.' })
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
