import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString } from 'class-validator';
import { PageArgs } from '../../../common/src/index.js';
import { SettlementStatus } from '../settlement-statement.entity.js';

@ArgsType()
export class SettlementStatementListArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: "The agency; its members must give it, operators may omit it for every agency's." })
  @IsOptional()
  @IsString()
  partnerAgencyId?: string | null;

  @Field(() => String, { nullable: true, description: 'Only this month, YYYY-MM.' })
  @IsOptional()
  @IsString()
  month?: string | null;

  @Field(() => SettlementStatus, { nullable: true, description: 'Only statements in this status; all when omitted.' })
  @IsOptional()
  @IsEnum(SettlementStatus)
  status?: SettlementStatus | null;
}
