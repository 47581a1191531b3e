import { Module } from '@nestjs/common';
import { AffiliateModule } from '../../affiliate/src/index.js';
import { BookingModule } from '../../booking/src/index.js';
import { CalendarModule } from '../../calendar/src/index.js';
import { CommerceModule } from '../../commerce/src/index.js';
import { LedgerModule } from '../../ledger/src/index.js';
import { MembershipModule } from '../../membership/src/index.js';
import { PayoutAccounts } from './payout-accounts.js';
import { SettlementJob } from './settlement-job.js';
import { SettlementRecorder } from './settlement-recorder.js';
import { PartnerAgencyPayoutAccountResolver, SettlementLineResolver, SettlementStatementResolver } from './settlement.resolver.js';
import { SettlementService } from './settlement.service.js';
import { SettlementTransitions } from './settlement-transitions.js';
import { TaxInvoiceService } from './tax-invoices.service.js';

export const SETTLEMENT_RESOLVERS = [SettlementStatementResolver, SettlementLineResolver, PartnerAgencyPayoutAccountResolver];

/** Monthly settlement statements of partner agencies, their payout accounts (docs/RULES.md §22) and tax-invoice data (§23). */
@Module({
  imports: [CalendarModule, LedgerModule, MembershipModule, BookingModule, CommerceModule, AffiliateModule],
  providers: [SettlementTransitions, SettlementRecorder, PayoutAccounts, SettlementService, SettlementJob, TaxInvoiceService, ...SETTLEMENT_RESOLVERS],
  exports: [SettlementService, TaxInvoiceService],
})
export class SettlementModule {}
