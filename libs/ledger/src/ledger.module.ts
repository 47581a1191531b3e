import { Module } from '@nestjs/common';
import { LedgerResolver } from './ledger.resolver.js';
import { LedgerService } from './ledger.service.js';

export const LEDGER_RESOLVERS = [LedgerResolver];

/** The double-entry journal; payments, dues and commissions record money through LedgerService. */
@Module({
  providers: [LedgerService, ...LEDGER_RESOLVERS],
  exports: [LedgerService],
})
export class LedgerModule {}
