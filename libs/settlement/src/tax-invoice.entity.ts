import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DateScalar, MoneyScalar } from '../../common/src/index.js';
import { BIGINT_WON } from '../../ledger/src/index.js';

export enum TaxInvoiceStatus {
  NOT_REQUIRED = 'NOT_REQUIRED',
  PENDING = 'PENDING',
  ISSUABLE = 'ISSUABLE',
  ISSUED = 'ISSUED',
}
registerEnumType(TaxInvoiceStatus, {
  name: 'TaxInvoiceStatus',
  description: 'PENDING → ISSUABLE → ISSUED, or NOT_REQUIRED (RULES §23).',
  valuesMap: {
    NOT_REQUIRED: { description: 'Paid by card (the card slip is the evidence, 부가가치세법 §33②), or nothing left after refunds.' },
    PENDING: { description: 'The sale is not final yet; amounts may still change.' },
    ISSUABLE: { description: 'Final: the supplier must issue it by dueOn.' },
    ISSUED: { description: 'The supplier recorded the NTS approval number.' },
  },
});

/** One side of a tax invoice, copied when the sale was made (docs/RULES.md §23). */
@ObjectType('TaxParty', { description: 'One side of a tax invoice, copied when the sale was made.' })
export class TaxParty {
  @Field({ description: "The organization's name (상호)." })
  name: string;

  @Field({ description: '사업자등록번호, 10 digits.' })
  businessRegistrationNumber: string;

  @Field({ description: '대표자 성명.' })
  representativeName: string;

  @Field(() => String, { nullable: true, description: '사업장 주소, when the organization gave one.' })
  address: string | null;

  @Field(() => String, { nullable: true, description: 'Where the e-tax invoice goes (buyer side); null for the supplier.' })
  email: string | null;

  @Field(() => String, { nullable: true, description: '업태, when given.' })
  businessType: string | null;

  @Field(() => String, { nullable: true, description: '종목, when given.' })
  businessItem: string | null;
}

/**
 * The data a partner agency needs to issue the 전자세금계산서 and 계산서 of one B2B order or reservation
 * (docs/RULES.md §23). Written when the sale is paid; its amounts are fixed when the sale is final.
 */
@ObjectType('TaxInvoice', {
  description:
    'The data the supplier (the partner agency) needs to issue the 전자세금계산서 (taxable part) and 계산서 (tax-free part) for a B2B order or reservation. Dure does not send it to the NTS; the agency issues it (홈택스 or its ASP) and records the approval number.',
})
@Entity('tax_invoice')
@Index('tax_invoice_order_uq', ['orderId'], { unique: true, where: 'order_id IS NOT NULL' })
@Index('tax_invoice_reservation_uq', ['reservationId'], { unique: true, where: 'reservation_id IS NOT NULL' })
@Index('tax_invoice_agency_idx', ['partnerAgencyId', 'createdAt', 'id'])
@Check('tax_invoice_status_check', `status IN ('NOT_REQUIRED', 'PENDING', 'ISSUABLE', 'ISSUED')`)
@Check('tax_invoice_sale_check', `(order_id IS NULL) <> (reservation_id IS NULL)`)
@Check('tax_invoice_amounts_check', `total = supply_value + vat + tax_free_amount AND tax_free_amount >= 0 AND vat >= 0 AND supply_value >= 0`)
@Check('tax_invoice_issued_check', `(status = 'ISSUED') = (issued_on IS NOT NULL)`)
export class TaxInvoice {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Field(() => TaxInvoiceStatus, { description: 'Where it is in the §23 table.' })
  @Column({ type: 'text' })
  status: TaxInvoiceStatus;

  /** The supplying agency in membership (no foreign key across libraries). */
  @Column({ name: 'partner_agency_id', type: 'uuid' })
  partnerAgencyId: string;

  /** The organization it was bought for: its members may read it (docs/RULES.md §25). */
  @Column({ name: 'buyer_organization_id', type: 'uuid' })
  buyerOrganizationId: string;

  /** The agency order it is for, in commerce; null for a reservation's. */
  @Column({ name: 'order_id', type: 'uuid', nullable: true })
  orderId: string | null;

  /** The reservation it is for, in booking; null for an order's. */
  @Column({ name: 'reservation_id', type: 'uuid', nullable: true })
  reservationId: string | null;

  /** A reservation's service was tax-free (면세) when paid; null for an order, whose lines say it each. */
  @Column({ name: 'service_tax_free', type: 'boolean', nullable: true })
  serviceTaxFree: boolean | null;

  @Field(() => TaxParty, { description: "The supplier: the agency's organization." })
  @Column({ type: 'jsonb' })
  supplier: TaxParty;

  @Field(() => TaxParty, { description: 'The buyer organization and its e-tax invoice contact.' })
  @Column({ type: 'jsonb' })
  buyer: TaxParty;

  @Field(() => String, { nullable: true, description: "The buyer's purchase-order / 품의 number, if given." })
  @Column({ name: 'purchase_order_number', type: 'text', nullable: true })
  purchaseOrderNumber: string | null;

  @Field(() => MoneyScalar, { description: '공급가액 of the taxable part: taxableTotal − vat.' })
  @Column({ name: 'supply_value', type: 'bigint', transformer: BIGINT_WON })
  supplyValue: number;

  @Field(() => MoneyScalar, { description: 'round(taxableTotal / 11).' })
  @Column({ type: 'bigint', transformer: BIGINT_WON })
  vat: number;

  @Field(() => MoneyScalar, { description: '면세 공급가액 (계산서).' })
  @Column({ name: 'tax_free_amount', type: 'bigint', transformer: BIGINT_WON })
  taxFreeAmount: number;

  @Field(() => MoneyScalar, { description: 'supplyValue + vat + taxFreeAmount = what was paid and kept.' })
  @Column({ type: 'bigint', transformer: BIGINT_WON })
  total: number;

  @Field(() => DateScalar, { nullable: true, description: '작성일자: the delivery date (goods) or the service date.' })
  @Column({ name: 'written_on', type: 'date', nullable: true })
  writtenOn: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'The 10th of the month after writtenOn (next business day if not one).' })
  @Column({ name: 'due_on', type: 'date', nullable: true })
  dueOn: string | null;

  @Field(() => String, { nullable: true, description: '국세청 승인번호 of the 세금계산서 (24 characters).' })
  @Column({ name: 'approval_number', type: 'text', nullable: true })
  approvalNumber: string | null;

  @Field(() => String, { nullable: true, description: '국세청 승인번호 of the 계산서 for the tax-free part.' })
  @Column({ name: 'tax_free_approval_number', type: 'text', nullable: true })
  taxFreeApprovalNumber: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'When the supplier issued it (as it recorded).' })
  @Column({ name: 'issued_on', type: 'date', nullable: true })
  issuedOn: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
