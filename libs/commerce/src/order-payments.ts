import { Injectable } from '@nestjs/common';
import { RequestContext, applyBps } from '../../common/src/index.js';
import { AccountKind, account, type Account } from '../../ledger/src/index.js';
import { PartnerAgencyService } from '../../membership/src/index.js';
import type { AllocationLine } from '../../payments/src/index.js';
import type { Checkout } from './checkout.entity.js';
import { OrderTransitions } from './commerce-transitions.js';
import { OrderEvents } from './order-events.js';
import type { OrderLine } from './order-line.entity.js';
import { salesBaseOf } from './refund-math.js';
import { OrderStatus, type Order } from './order.entity.js';

/** What one paid order owes: the agency's share, the platform's fee and the platform-funded discounts it pays. */
export interface OrderSplit {
  partnerAgencyId: string;
  total: number;
  fee: number;
  platformDiscounts: number;
}

/** An order to mark PAID, with its lines and the deadline it gets. */
export interface OrderToPay {
  order: Order;
  lines: OrderLine[];
  dispatchDeadline: Date;
}

/**
 * The one way orders become PAID, whether a checkout's payment or a subscription delivery's charge paid them
 * (docs/RULES.md §16, §20): each keeps its agency's fee rate of that moment and its dispatch deadline, OrderPaid is
 * published (commissions, notifications, the dispatch-deadline job), and each split is answered.
 */
@Injectable()
export class OrderPayments {
  constructor(
    private readonly agencies: PartnerAgencyService,
    private readonly orders: OrderTransitions,
    private readonly events: OrderEvents,
  ) {}

  /**
   * `paidAt` is one instant for everything paid together (a checkout and its orders); `checkout` is null for a
   * subscription delivery (its commission was decided at subscribe, docs/RULES.md §21). The orders are locked and
   * moved in one statement.
   */
  async markPaid(ctx: RequestContext, toPay: readonly OrderToPay[], paid: { paidAt: Date; checkout: Checkout | null }): Promise<OrderSplit[]> {
    const { paidAt, checkout } = paid;
    const rates = await Promise.all(toPay.map(({ order }) => this.agencies.platformFeeRateBps(ctx, order.partnerAgencyId)));
    const paidOrders = await this.orders.applyEach(
      ctx,
      toPay.map(({ order }) => order),
      OrderStatus.PAID,
      (_order, index) => ({ platformFeeRateBps: rates[index], dispatchDeadline: toPay[index].dispatchDeadline, holdExpiresAt: null, paidAt }),
    );
    const splits: OrderSplit[] = [];
    for (const [index, order] of paidOrders.entries()) {
      const { lines } = toPay[index];
      await this.events.publish(ctx, 'OrderPaid', { order, lines, checkout });
      // docs/RULES.md §19, §22: the fee is per line on the agency's sales (list price less its own discount), never on shipping.
      const fee = lines.reduce((sum, line) => sum + applyBps(salesBaseOf(line), rates[index]), 0);
      const platformDiscounts = lines.reduce((sum, line) => sum + line.platformDiscount, order.platformShippingDiscount);
      splits.push({ partnerAgencyId: order.partnerAgencyId, total: order.total, fee, platformDiscounts });
    }
    return splits;
  }
}

/**
 * Each agency is owed its order's total plus the platform-funded discounts, less the fee (docs/RULES.md §19: it
 * is credited list price and the waived shipping); the platform's fees make one line, and the discounts it
 * funds one debit of PLATFORM_PROMOTIONS (a negative credit), so the credits still sum to the payment.
 */
export function creditsOf(splits: readonly OrderSplit[]): AllocationLine[] {
  const sum = (amount: (split: OrderSplit) => number) => splits.reduce((total, split) => total + amount(split), 0);
  const lines: Array<{ account: Account; amount: number }> = [
    ...splits.map((split) => ({
      account: account(AccountKind.PARTNER_AGENCY_PAYABLE, split.partnerAgencyId),
      amount: split.total + split.platformDiscounts - split.fee,
    })),
    { account: account(AccountKind.PLATFORM_REVENUE_FEES), amount: sum((split) => split.fee) },
    { account: account(AccountKind.PLATFORM_PROMOTIONS), amount: -sum((split) => split.platformDiscounts) },
  ];
  return lines.filter((line) => line.amount !== 0);
}
