import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ClockService, DureConfig, RequestContext, TransactionalConnection, newDocumentNumber } from '../../common/src/index.js';
import type { B2BPurchase } from '../../membership/src/index.js';
import type { AllocationLine, Payment } from '../../payments/src/index.js';
import { OrderLine } from './order-line.entity.js';
import { OrderPayments, creditsOf } from './order-payments.js';
import { OrderRefunds } from './order-refunds.js';
import { newOrderLineRow, newOrderRow } from './order-rows.js';
import { Order } from './order.entity.js';
import type { ShippingAddress } from './shipping-address.js';
import type { DeliveryDiscounts } from './subscription-coupons.js';

/** One paid subscription delivery (docs/RULES.md §20): one line of the box, its shipping fee, its own payment. */
export interface PaidDelivery {
  buyerId: string;
  partnerAgencyId: string;
  listingId: string;
  title: string;
  taxFree: boolean;
  unitPrice: number;
  quantity: number;
  shippingFee: number;
  /** The subscription coupon's part of this delivery (docs/RULES.md §19), kept on the order and its line for settlement. */
  discounts: DeliveryDiscounts;
  shippingAddress: ShippingAddress;
  b2b: B2BPurchase;
  /** The captured payment of the delivery's charge. */
  payment: Payment;
  /** The instant the charge stands for (its cutoff or retry's due time, docs/RULES.md §14), even when a job ran late. */
  paidAt: Date;
  /** The delivery's own deadline (docs/RULES.md §17: by its ship date, later when paid by a retry). */
  dispatchDeadline: Date;
}

/**
 * Orders of subscription deliveries (docs/RULES.md §20): each paid delivery becomes an order made and paid by the
 * same path as a checkout's (order-rows.ts, OrderPayments), so shipping, returns, refunds, settlement and
 * commissions per line handle it like any other; it has its own payment instead of a checkout.
 */
@Injectable()
export class DeliveryOrders {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
    private readonly config: DureConfig,
    private readonly orderPayments: OrderPayments,
    private readonly refunds: OrderRefunds,
  ) {}

  /** The PAID order of the delivery with its one line, and how its payment splits (the caller books the capture with it). */
  async createPaid(ctx: RequestContext, delivery: PaidDelivery): Promise<{ order: Order; line: OrderLine; credits: AllocationLine[] }> {
    const now = this.clock.now();
    const itemsTotal = delivery.unitPrice * delivery.quantity;
    const { itemDiscount, platformDiscount, shippingDiscount, platformShippingDiscount } = delivery.discounts;
    const orderRepo = this.connection.getRepository(ctx, Order);
    const lineRepo = this.connection.getRepository(ctx, OrderLine);
    const order = newOrderRow(orderRepo, {
      id: randomUUID(),
      number: newDocumentNumber('O', now),
      checkoutId: null,
      paymentId: delivery.payment.id,
      buyerId: delivery.buyerId,
      partnerAgencyId: delivery.partnerAgencyId,
      itemsTotal,
      itemDiscount,
      shippingFee: delivery.shippingFee,
      shippingDiscount,
      total: itemsTotal - itemDiscount + delivery.shippingFee - shippingDiscount,
      platformShippingDiscount,
      shippingAddress: delivery.shippingAddress,
      holdExpiresAt: null,
      b2b: delivery.b2b,
      createdAt: now,
    });
    if (order.total !== delivery.payment.amount)
      throw new Error(`Delivery order ${order.total} won does not match its payment of ${delivery.payment.amount} won`);
    await orderRepo.insert(order);
    const line = newOrderLineRow(lineRepo, {
      id: randomUUID(),
      orderId: order.id,
      position: 0,
      listingId: delivery.listingId,
      title: delivery.title,
      unitPrice: delivery.unitPrice,
      quantity: delivery.quantity,
      itemDiscount,
      platformDiscount,
      taxFree: delivery.taxFree,
      dispatchBusinessDays: this.config.defaultDispatchBusinessDays,
    });
    await lineRepo.insert(line);
    const splits = await this.orderPayments.markPaid(ctx, [{ order, lines: [line], dispatchDeadline: delivery.dispatchDeadline }], {
      paidAt: delivery.paidAt,
      checkout: null,
    });
    return { order: await orderRepo.findOneByOrFail({ id: order.id }), line, credits: creditsOf(splits) };
  }

  /** A refund of a delivery's payment made at the provider's side, recorded over its order like a checkout's. */
  recordProviderRefund(ctx: RequestContext, payment: Payment, amount: number): Promise<AllocationLine[]> {
    return this.refunds.recordProviderRefund(ctx, payment, amount);
  }
}
