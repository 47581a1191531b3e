import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsOptional, IsString, MaxLength } from 'class-validator';
import { DateScalar, PageArgs } from '../../../common/src/index.js';
import { TaxInvoiceStatus } from '../tax-invoice.entity.js';

@ArgsType()
export class TaxInvoiceListArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: "The supplying agency; its members must give it, operators may omit it for every agency's." })
  @IsOptional()
  @IsString()
  partnerAgencyId?: string | null;

  @Field(() => TaxInvoiceStatus, { nullable: true, description: 'Only invoices in this status; all when omitted.' })
  @IsOptional()
  @IsEnum(TaxInvoiceStatus)
  status?: TaxInvoiceStatus | null;

  @Field(() => Boolean, { nullable: true, description: 'Only ISSUABLE invoices past their dueOn.' })
  @IsOptional()
  @IsBoolean()
  overdueOnly?: boolean | null;
}

/** Checked by TaxInvoiceService: which numbers are required depends on the invoice's amounts. */
@InputType('RecordTaxInvoiceInput', { description: 'What the supplier got back from the NTS when it issued the invoice.' })
export class RecordTaxInvoiceInput {
  @Field(() => ID, { description: 'The ISSUABLE tax invoice.' })
  @IsString()
  taxInvoiceId: string;

  @Field(() => String, {
    nullable: true,
    description: '국세청 승인번호 of the 세금계산서: 24 letters and digits, dashes ignored. Required when supplyValue + vat > 0.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  approvalNumber?: string | null;

  @Field(() => String, {
    nullable: true,
    description: '국세청 승인번호 of the 계산서: 24 letters and digits, dashes ignored. Required when taxFreeAmount > 0.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  taxFreeApprovalNumber?: string | null;

  @Field(() => DateScalar, { description: 'The KST date it was issued: not before writtenOn, not after today.' })
  issuedOn: string;
}
