import { Args, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx, RequestContext } from '../../common/src/index.js';
import { PriorityPurchaseReportInput } from './dto/priority-purchase-report.input.js';
import { priorityPurchaseCsv } from './priority-purchase-report.js';
import { PriorityPurchaseReport } from './priority-purchase-report.model.js';
import { PriorityPurchaseReports } from './priority-purchase-reports.service.js';

/** The priority-purchase report (docs/RULES.md §24, §25): the buyer organization's members and operators. */
@Resolver(() => PriorityPurchaseReport)
export class PriorityPurchaseReportResolver {
  constructor(private readonly reports: PriorityPurchaseReports) {}

  @Query(() => PriorityPurchaseReport, {
    description: 'Members of the buying organization (any role) and operators; others NOT_FOUND. `from` ≤ `to`, at most 366 days (BAD_USER_INPUT).',
  })
  priorityPurchaseReport(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'Which organization and which KST dates.' }) input: PriorityPurchaseReportInput,
  ): Promise<PriorityPurchaseReport> {
    return this.reports.generate(ctx, input);
  }

  @ResolveField(() => String, { description: '`purchases` as CSV: UTF-8 with BOM, CRLF, Korean headers (RULES §24); built only when asked for.' })
  csv(report: PriorityPurchaseReport): string {
    return priorityPurchaseCsv(report.purchases);
  }
}
