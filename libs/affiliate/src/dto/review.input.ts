import { Field, ID, InputType, registerEnumType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, Length } from 'class-validator';
import { MarketCreatorReviewDecision } from '../market-creator.service.js';

registerEnumType(MarketCreatorReviewDecision, { name: 'ReviewDecision' });

@InputType()
export class ReviewInput {
  @Field(() => ID)
  @IsString()
  id: string;

  @Field(() => MarketCreatorReviewDecision)
  @IsEnum(MarketCreatorReviewDecision)
  decision: MarketCreatorReviewDecision;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(0, 5000)
  note?: string | null;
}
