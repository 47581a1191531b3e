import { Module } from '@nestjs/common';
import { LedgerService } from './ledger.service.js';

/** The double-entry journal; payments, dues and commissions record money through LedgerService. */
@Module({
  providers: [LedgerService],
  exports: [LedgerService],
})
export class LedgerModule {}
