import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { DateScalar, PageArgs } from '../../../common/src/index.js';
import { PayoutStatus } from '../payout.entity.js';

@InputType({ description: 'Narrows `payouts`; the fields given all apply.' })
export class PayoutFilter {
  @Field(() => DateScalar, { nullable: true, description: 'Only the payouts of the period ending on this Seoul date (the periodEnd given to runPayouts).' })
  @IsOptional()
  periodEnd?: string | null;

  @Field(() => PayoutStatus, { nullable: true, description: 'Only payouts in this state.' })
  @IsOptional()
  @IsEnum(PayoutStatus)
  status?: PayoutStatus | null;

  @Field(() => ID, { nullable: true, description: "Only this market creator's payouts." })
  @IsOptional()
  @IsUUID()
  marketCreatorId?: string | null;
}

@ArgsType()
export class PayoutListArgs extends PageArgs {
  @Field(() => PayoutFilter, { nullable: true, description: 'Narrows the list; all payouts when absent.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => PayoutFilter)
  filter?: PayoutFilter | null;
}
