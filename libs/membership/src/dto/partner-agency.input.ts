import { Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsEnum, IsOptional, IsString, Length, Matches } from 'class-validator';
import { OrganizationKind } from '../../../identity/src/index.js';
import { PartnerAgencyStatus, ReviewDecision } from '../partner-agency.entity.js';
import { ServiceCategory } from '../service-category.js';

@InputType()
export class PartnerAgencyApplicationInput {
  @Field(() => ID)
  @IsString()
  organizationId: string;

  @Field()
  @IsString()
  tierCode: string;

  @Field()
  @IsString()
  @Length(1, 5000)
  @Matches(/\S/, { message: 'must not be blank' })
  introduction: string;

  @Field(() => [ServiceCategory])
  @IsArray()
  @ArrayMinSize(1, { message: 'must name at least one category' })
  @ArrayUnique()
  @IsEnum(ServiceCategory, { each: true })
  serviceCategories: ServiceCategory[];

  @Field(() => [ID])
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  agreedPolicyIds: string[];
}

@InputType()
export class ReviewInput {
  @Field(() => ID)
  @IsString()
  id: string;

  @Field(() => ReviewDecision)
  @IsEnum(ReviewDecision)
  decision: ReviewDecision;

  /** Required when rejecting or requesting changes: the applicant needs to know why. */
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 5000)
  note?: string | null;
}

@InputType()
export class PartnerAgencyFilter {
  /** Operators only; everyone else sees ACTIVE agencies whatever they ask. */
  @Field(() => PartnerAgencyStatus, { nullable: true })
  @IsOptional()
  @IsEnum(PartnerAgencyStatus)
  status?: PartnerAgencyStatus;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  tierCode?: string;

  @Field(() => OrganizationKind, { nullable: true })
  @IsOptional()
  @IsEnum(OrganizationKind)
  organizationKind?: OrganizationKind;

  /** Part of the organization's name, any case. */
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(0, 100)
  search?: string;
}
