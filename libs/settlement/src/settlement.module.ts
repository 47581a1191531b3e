import { Module } from '@nestjs/common';
import { AffiliateModule } from '../../affiliate/src/index.js';
import { BookingModule } from '../../booking/src/index.js';
import { CalendarModule } from '../../calendar/src/index.js';
import { CatalogModule } from '../../catalog/src/index.js';
import { IdentityModule } from '../../identity/src/index.js';
import { CommerceModule } from '../../commerce/src/index.js';
import { LedgerModule } from '../../ledger/src/index.js';
import { MembershipModule } from '../../membership/src/index.js';
import { PayoutAccounts } from './payout-accounts.js';
import { SettlementJob } from './settlement-job.js';
import { SettlementRecorder } from './settlement-recorder.js';
import { PartnerAgencyPayoutAccountResolver, SettlementLineResolver, SettlementStatementResolver } from './settlement.resolver.js';
import { SettlementEvents } from './settlement-events.js';
import { SettlementService } from './settlement.service.js';
import { SettlementTransitions } from './settlement-transitions.js';
import { TaxInvoiceRecorder } from './tax-invoice-recorder.js';
import { OrderTaxInvoiceResolver, ReservationTaxInvoiceResolver, TaxInvoiceResolver } from './tax-invoice.resolver.js';
import { TaxInvoiceTransitions } from './tax-invoice-transitions.js';
import { TaxInvoiceService } from './tax-invoices.service.js';

export const SETTLEMENT_RESOLVERS = [
  SettlementStatementResolver,
  SettlementLineResolver,
  PartnerAgencyPayoutAccountResolver,
  TaxInvoiceResolver,
  OrderTaxInvoiceResolver,
  ReservationTaxInvoiceResolver,
];

/** Monthly settlement statements of partner agencies, their payout accounts (docs/RULES.md §22) and tax-invoice data (§23). */
@Module({
  imports: [CalendarModule, IdentityModule, LedgerModule, MembershipModule, CatalogModule, BookingModule, CommerceModule, AffiliateModule],
  providers: [
    SettlementEvents,
    SettlementTransitions,
    SettlementRecorder,
    PayoutAccounts,
    SettlementService,
    SettlementJob,
    TaxInvoiceTransitions,
    TaxInvoiceRecorder,
    TaxInvoiceService,
    ...SETTLEMENT_RESOLVERS,
  ],
  exports: [SettlementService, TaxInvoiceService, SettlementEvents],
})
export class SettlementModule {}
