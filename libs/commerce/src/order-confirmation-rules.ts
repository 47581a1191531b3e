import { Injectable } from '@nestjs/common';
import { DureConfig, type RequestContext } from '../../common/src/index.js';
import type { Order } from './order.entity.js';

const DAY_MS = 24 * 3600_000;

/**
 * When an order may be confirmed (docs/RULES.md §17): the one place returns (§18) extend. Today no return
 * exists, so none is open, and `autoConfirmAt` is `deliveredAt` + AUTO_CONFIRM_DAYS; with returns, an open one
 * stops the timer and its closing moves it (max(deliveredAt + 8 days, closing + 1 day); an exchange's
 * replacement delivery + 8 days).
 */
@Injectable()
export class OrderConfirmationRules {
  constructor(private readonly config: DureConfig) {}

  /** Whether a return of the order is REQUESTED, ACCEPTED or RECEIVED (none exist yet). */
  hasOpenReturn(_ctx: RequestContext, _order: Order): Promise<boolean> {
    return Promise.resolve(false);
  }

  /** When an order delivered at `deliveredAt` confirms itself: `deliveredAt` + AUTO_CONFIRM_DAYS (the 7-day withdrawal window plus one). */
  autoConfirmAtOf(_ctx: RequestContext, _order: Order, deliveredAt: Date): Promise<Date> {
    return Promise.resolve(new Date(deliveredAt.getTime() + this.config.autoConfirmDays * DAY_MS));
  }
}
