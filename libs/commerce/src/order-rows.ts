import type { Repository } from 'typeorm';
import { OrderLine } from './order-line.entity.js';
import { Order, OrderStatus } from './order.entity.js';

/** What a new order is made of: the rest (money refunded, deadlines, payment stamps) starts empty. */
export type NewOrder = Pick<
  Order,
  | 'id'
  | 'number'
  | 'checkoutId'
  | 'paymentId'
  | 'buyerId'
  | 'partnerAgencyId'
  | 'itemsTotal'
  | 'itemDiscount'
  | 'shippingFee'
  | 'shippingDiscount'
  | 'total'
  | 'platformShippingDiscount'
  | 'shippingAddress'
  | 'holdExpiresAt'
  | 'b2b'
  | 'createdAt'
>;

/** What a new order line is made of; nothing of it is cancelled, returned or refunded yet. */
export type NewOrderLine = Pick<
  OrderLine,
  'id' | 'orderId' | 'position' | 'listingId' | 'title' | 'unitPrice' | 'quantity' | 'itemDiscount' | 'platformDiscount' | 'taxFree' | 'dispatchBusinessDays'
>;

/**
 * The one way orders are born (a checkout's, a subscription delivery's): PENDING_PAYMENT until OrderPayments
 * marks them paid, so every order goes through the same transitions and events.
 */
export function newOrderRow(repo: Repository<Order>, fields: NewOrder): Order {
  return repo.create({
    ...fields,
    status: OrderStatus.PENDING_PAYMENT,
    refundedAmount: 0,
    platformFeeRateBps: null,
    dispatchDeadline: null,
    paidAt: null,
    cancelledAt: null,
    cancellationReason: null,
    updatedAt: fields.createdAt,
  });
}

export function newOrderLineRow(repo: Repository<OrderLine>, fields: NewOrderLine): OrderLine {
  return repo.create({ ...fields, cancelledQuantity: 0, returnedQuantity: 0, refundedAmount: 0 });
}
