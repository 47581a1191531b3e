import { Module } from '@nestjs/common';
import { BookingModule } from '../../booking/src/index.js';
import { CommerceModule } from '../../commerce/src/index.js';
import { IdentityModule } from '../../identity/src/index.js';
import { MembershipModule } from '../../membership/src/index.js';
import { SettlementModule } from '../../settlement/src/index.js';
import { PriorityPurchaseReportResolver } from './priority-purchase-report.resolver.js';
import { PriorityPurchaseReports } from './priority-purchase-reports.service.js';

export const REPORTS_RESOLVERS = [PriorityPurchaseReportResolver];

/** Reports read from the libraries below, for buyers and institutions (docs/RULES.md §24); nothing stored. */
@Module({
  imports: [IdentityModule, MembershipModule, BookingModule, CommerceModule, SettlementModule],
  providers: [PriorityPurchaseReports, ...REPORTS_RESOLVERS],
  exports: [PriorityPurchaseReports],
})
export class ReportsModule {}
