import { Injectable } from '@nestjs/common';
import { InTransactionEvents } from '../../common/src/index.js';
import type { Order, OrderLine } from '../../commerce/src/index.js';
import type { BoxSubscription, SubscriptionPriceChange } from './box-subscription.entity.js';

/** What happened to a subscription that its buyer must hear about (docs/RULES.md §20, §30). */
export interface SubscriptionEventMap {
  /**
   * A delivery was charged (at subscribe, at its cutoff or by a retry); `chargeOrderId` names the attempt. `order`
   * and its one `line` are the delivery's; `paidDelivery` counts it among the subscription's paid deliveries
   * (1-based; docs/RULES.md §21: the first 12 earn commission).
   */
  SubscriptionCharged: {
    subscription: BoxSubscription;
    shipDate: string;
    amount: number;
    chargeOrderId: string;
    order: Order;
    line: OrderLine;
    paidDelivery: number;
  };
  /**
   * A charge was declined: `nextRetryAt` is the next attempt, or null when that was the last and the
   * subscription is CANCELLED (PAYMENT_FAILED).
   */
  SubscriptionChargeFailed: { subscription: BoxSubscription; shipDate: string; amount: number; chargeOrderId: string; nextRetryAt: Date | null };
  /** A price increase waits for the buyer's consent until `change.respondBy`. */
  SubscriptionPriceIncreaseNoticed: { subscription: BoxSubscription; change: SubscriptionPriceChange };
}

/** The subscriptions library's in-transaction hook (docs/ARCHITECTURE.md): notifications subscribe. */
@Injectable()
export class SubscriptionEvents extends InTransactionEvents<SubscriptionEventMap> {}
