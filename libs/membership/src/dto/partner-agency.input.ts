import { Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsEnum, IsOptional, IsString, Length, Matches } from 'class-validator';
import { OrganizationKind } from '../../../identity/src/index.js';
import { PartnerAgencyStatus, ReviewDecision } from '../partner-agency.entity.js';
import { ServiceCategory } from '../service-category.js';

@InputType({ description: 'An application to sell on Dure, by an OWNER or MANAGER of the organization.' })
export class PartnerAgencyApplicationInput {
  @Field(() => ID, { description: 'The organization applying; one agency per organization.' })
  @IsString()
  organizationId: string;

  @Field({ description: 'Code of an active membership tier.' })
  @IsString()
  tierCode: string;

  @Field({ description: 'What the agency does, 1–5000 characters; public once ACTIVE.' })
  @IsString()
  @Length(1, 5000)
  @Matches(/\S/, { message: 'must not be blank' })
  introduction: string;

  @Field(() => [ServiceCategory], { description: 'Its fields of work: at least one, no repeats.' })
  @IsArray()
  @ArrayMinSize(1, { message: 'must name at least one category' })
  @ArrayUnique()
  @IsEnum(ServiceCategory, { each: true })
  serviceCategories: ServiceCategory[];

  @Field(() => [ID], {
    description: 'Ids from currentPolicies: must include the current OPERATING_PRINCIPLES and ETHICS_CODE, else BAD_USER_INPUT naming the kind.',
  })
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  agreedPolicyIds: string[];
}

@InputType({ description: "An operator's review of an application (partner agency or market creator)." })
export class ReviewInput {
  @Field(() => ID, { description: 'The partner agency or market creator under review.' })
  @IsString()
  id: string;

  @Field(() => ReviewDecision, { description: 'Approve, reject or request changes.' })
  @IsEnum(ReviewDecision)
  decision: ReviewDecision;

  /** Required when rejecting or requesting changes: the applicant needs to know why. */
  @Field(() => String, { nullable: true, description: 'Why, 1–5000 characters; required to reject or request changes.' })
  @IsOptional()
  @IsString()
  @Length(1, 5000)
  note?: string | null;
}

@InputType({ description: 'Narrows partnerAgencies; all given conditions must hold.' })
export class PartnerAgencyFilter {
  /** Operators only; everyone else sees ACTIVE agencies whatever they ask. */
  @Field(() => PartnerAgencyStatus, { nullable: true, description: 'Operators only; everyone else gets ACTIVE agencies whatever they ask.' })
  @IsOptional()
  @IsEnum(PartnerAgencyStatus)
  status?: PartnerAgencyStatus;

  @Field(() => String, { nullable: true, description: 'Agencies on the tier with this code.' })
  @IsOptional()
  @IsString()
  tierCode?: string;

  @Field(() => OrganizationKind, { nullable: true, description: 'Agencies whose organization is of this kind.' })
  @IsOptional()
  @IsEnum(OrganizationKind)
  organizationKind?: OrganizationKind;

  /** Part of the organization's name, any case. */
  @Field(() => String, { nullable: true, description: "Part of the organization's name, any case, at most 100 characters." })
  @IsOptional()
  @IsString()
  @Length(0, 100)
  search?: string;
}
