import { Injectable } from '@nestjs/common';
import { InTransactionEvents } from '../../common/src/index.js';
import type { SettlementStatement } from './settlement-statement.entity.js';

/** What happened to an agency's settlement that its people must hear about. */
export interface SettlementEventMap {
  /** The statement's net was transferred (PAID). */
  SettlementPaid: { statement: SettlementStatement };
}

/** The settlement library's in-transaction hook (docs/ARCHITECTURE.md): notifications subscribe. */
@Injectable()
export class SettlementEvents extends InTransactionEvents<SettlementEventMap> {}
