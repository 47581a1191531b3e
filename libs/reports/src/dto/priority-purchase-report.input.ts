import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString } from 'class-validator';
import { DateScalar } from '../../../common/src/index.js';
import { ReportPeriod } from '../priority-purchase-report.model.js';

/** Checked further by PriorityPurchaseReports.generate (docs/RULES.md §24). */
@InputType({ description: 'Which organization and which KST dates.' })
export class PriorityPurchaseReportInput {
  @Field(() => ID, { description: 'The buying organization; its members (any role) and operators may read its report.' })
  @IsString()
  buyerOrganizationId: string;

  @Field(() => DateScalar, { description: 'KST dates, inclusive; at most 366 days.' })
  from: string;

  @Field(() => DateScalar, { description: 'The last KST date counted; not before `from`.' })
  to: string;

  @Field(() => ReportPeriod, { nullable: true, description: 'How rows are grouped in time; MONTH when omitted.' })
  @IsOptional()
  @IsEnum(ReportPeriod)
  groupBy?: ReportPeriod | null;
}
