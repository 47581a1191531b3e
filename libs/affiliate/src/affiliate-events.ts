import { Injectable } from '@nestjs/common';
import { InTransactionEvents } from '../../common/src/index.js';
import type { Payout } from './payout.entity.js';

/** What happened to a market creator's money that they must hear about. */
export interface AffiliateEventMap {
  /** The payout was sent (PAID). */
  PayoutPaid: { payout: Payout };
}

/** The affiliate library's in-transaction hook (docs/ARCHITECTURE.md): notifications subscribe. */
@Injectable()
export class AffiliateEvents extends InTransactionEvents<AffiliateEventMap> {}
