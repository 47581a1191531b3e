import { Injectable } from '@nestjs/common';
import { InTransactionEvents } from '../../common/src/index.js';
import type { Checkout } from './checkout.entity.js';
import type { OrderCanceller } from './order-cancellations.js';
import type { OrderLine } from './order-line.entity.js';
import type { UnitsBack } from './order-refunds.js';
import type { Order } from './order.entity.js';
import type { ReturnRequest } from './return-request.entity.js';
import type { Shipment } from './shipment.entity.js';

/** Won given back on one order line by one business event (a cancellation, a return, an operator's refund). */
export interface OrderLineRefund {
  line: OrderLine;
  /** This event's refund of the line, before any return-shipping deduction (docs/RULES.md §18). */
  amount: number;
}

/** What happened to an order, with what a subscriber needs beyond the order itself. */
export interface OrderEventMap {
  /**
   * PAID, with its lines (each line's `paidAmount` is the commission base) and the checkout's attribution token;
   * `checkout` is null for a subscription delivery (its attribution was decided at subscribe, docs/RULES.md §21).
   */
  OrderPaid: { order: Order; lines: OrderLine[]; checkout: Checkout | null };
  /** Money went back on some lines; each line already counts the refund in `refundedAmount`. */
  OrderLinesRefunded: { order: Order; refunds: OrderLineRefund[] };
  /**
   * Units not yet shipped were cancelled (`cancelOrder`, docs/RULES.md §18), whoever cancelled; published once
   * per cancellation, after OrderLinesRefunded. `refundAmount` is the won paid back by it (the shipping fee
   * too when the order became CANCELLED); `cancellationKey` names it (its refund key).
   */
  OrderCancelled: { order: Order; units: UnitsBack[]; cancelledBy: OrderCanceller; refundAmount: number; cancellationKey: string };
  /** A parcel was registered (송장 등록); the order may now be SHIPPED or still PAID with lines left. */
  OrderShipped: { order: Order; shipment: Shipment };
  /** 발송지연 안내: the order's deadline moved (`order.dispatchDelay*` say from when and why); the buyer is told. */
  DispatchDelayed: { order: Order };
  /** The buyer asked to return or exchange these units (반품·교환 요청); the agency must answer by `returnRequest.acceptBy`. */
  ReturnRequested: { order: Order; returnRequest: ReturnRequest; units: UnitsBack[] };
  /** 구매확정 (by the buyer or automatically): the sale is final. */
  OrderConfirmed: { order: Order; lines: OrderLine[] };
  /** Every unit cancelled before shipment (CANCELLED) or returned (RETURNED): nothing of the sale remains. */
  OrderEnded: { order: Order; lines: OrderLine[] };
}

/**
 * Orders' in-transaction hook (docs/ARCHITECTURE.md, registration points): the market-creator library keeps
 * one commission per order line (docs/RULES.md §21), notifications write their outbox rows. Published by the
 * commerce services only, so a change made by a job, a webhook or a mutation publishes the same events.
 */
@Injectable()
export class OrderEvents extends InTransactionEvents<OrderEventMap> {}
