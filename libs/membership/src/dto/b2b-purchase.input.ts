import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEmail, IsOptional, IsString, Length, ValidateNested } from 'class-validator';

@InputType({ description: "The buyer organization's contact for the e-tax invoice; the rest comes from the organization." })
export class TaxInvoiceRecipientInput {
  @Field({ description: 'Where the supplier sends the e-tax invoice.' })
  @IsEmail()
  @Length(3, 254)
  email: string;

  @Field({ description: 'Who receives it, 1–100 characters.' })
  @IsString()
  @Length(1, 100)
  contactName: string;

  @Field(() => String, { nullable: true, description: 'Their phone, up to 20 characters.' })
  @IsOptional()
  @IsString()
  @Length(1, 20)
  contactPhone?: string | null;

  @Field(() => String, { nullable: true, description: '업태, up to 100 characters.' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  businessType?: string | null;

  @Field(() => String, { nullable: true, description: '종목, up to 100 characters.' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  businessItem?: string | null;
}

/** Checked further by B2BPurchases.resolve (docs/RULES.md §23). */
@InputType({ description: 'Buy for an organization (상호거래, 공공기관 구매). The caller must be its OWNER or MANAGER.' })
export class B2BPurchaseInput {
  @Field(() => ID, { description: 'The buying organization: STAFF FORBIDDEN, non-members NOT_FOUND, the supplier’s own organization BAD_USER_INPUT.' })
  @IsString()
  organizationId: string;

  @Field(() => String, {
    nullable: true,
    description: "The buyer's own purchase-order / 품의 number (≤ 50 characters), printed on the order and the tax invoice.",
  })
  @IsOptional()
  @IsString()
  @Length(1, 50)
  purchaseOrderNumber?: string | null;

  @Field(() => TaxInvoiceRecipientInput, {
    description: 'Where and to whom the supplier sends the e-tax invoice (unused when the payment turns out to be by card).',
  })
  @ValidateNested()
  @Type(() => TaxInvoiceRecipientInput)
  taxInvoice: TaxInvoiceRecipientInput;
}
