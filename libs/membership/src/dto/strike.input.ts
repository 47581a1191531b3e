import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, Length } from 'class-validator';
import { StrikeReason } from '../strike.entity.js';

/** The operator's `addStrike` (an addition to the contract; other libraries call StrikeService directly). */
@ArgsType()
export class AddStrikeArgs {
  @Field(() => ID, { description: 'The agency the strike is against.' })
  @IsString()
  partnerAgencyId: string;

  @Field(() => StrikeReason, { description: 'What the agency did.' })
  @IsEnum(StrikeReason)
  reason: StrikeReason;

  @Field(() => String, { nullable: true, description: 'Details for later review, 1–2000 characters.' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  note?: string | null;
}
