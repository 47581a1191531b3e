import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, Length } from 'class-validator';
import { DateScalar } from '../../../common/src/index.js';
import { OrganizationKind } from '../../../identity/src/index.js';

/** Checked further by CertificationService.submit (docs/RULES.md §23). */
@InputType({ description: 'An organization declares a certification for an operator to check.' })
export class SubmitCertificationInput {
  @Field(() => ID, { description: 'The organization; the caller must be its OWNER or MANAGER.' })
  @IsString()
  organizationId: string;

  @Field(() => OrganizationKind, { description: 'The social-economy kind certified; PUBLIC_INSTITUTION and COMPANY are BAD_USER_INPUT.' })
  @IsEnum(OrganizationKind)
  kind: OrganizationKind;

  @Field({ description: 'The number on the certificate, 1–40 characters.' })
  @IsString()
  @Length(1, 40)
  certificateNumber: string;

  @Field(() => DateScalar, { description: 'The day it was issued; not after today (KST).' })
  issuedOn: string;

  @Field(() => DateScalar, { nullable: true, description: 'Its last valid day, not before issuedOn; absent = no expiry.' })
  @IsOptional()
  validUntil?: string | null;
}
