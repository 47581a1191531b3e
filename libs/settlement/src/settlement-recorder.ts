import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ClockService, RequestContext, TransactionalConnection } from '../../common/src/index.js';
import { CommissionService, CommissionStatus, type SaleKey } from '../../affiliate/src/index.js';
import { ReservationEvents, ReservationStatus, type Reservation } from '../../booking/src/index.js';
import { OrderEvents, OrderReads, OrderStatus, type Order, type OrderLine, type OrderLineRefund } from '../../commerce/src/index.js';
import { SettlementLine, SettlementLineKind } from './settlement-line.entity.js';
import {
  keptDiscountsOf,
  netOf,
  orderLineAmounts,
  postSettlementRefundAmounts,
  reservationAmounts,
  shippingAmounts,
  shippingKeptOf,
  type SettlementAmounts,
} from './settlement-math.js';

/** What a new line names besides its amounts. */
export interface LineSource {
  partnerAgencyId: string;
  kind: SettlementLineKind;
  occurredAt: Date;
  description: string;
  orderId?: string | null;
  orderLineId?: string | null;
  reservationId?: string | null;
  platformFeeRateBps?: number | null;
  statementId?: string | null;
}

/**
 * Writes settlement lines when sales become final and when money goes back after that (docs/RULES.md §22),
 * inside the transaction that changes the order or reservation, so no final sale is missed or counted
 * twice. Lines wait without a statement until the monthly generation takes them in by `occurredAt`. A sale's
 * line is frozen when it is written; a later refund on it is a POST_SETTLEMENT_REFUND line of its own —
 * whoever refunds (a return, the operator's `refundOrder`, the provider): every order refund publishes
 * OrderLinesRefunded, every reservation refund ReservationRefunded or ReservationCancelled.
 */
@Injectable()
export class SettlementRecorder {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
    private readonly commissions: CommissionService,
    private readonly orders: OrderReads,
    orderEvents: OrderEvents,
    reservationEvents: ReservationEvents,
  ) {
    // Registered after the market-creator library's handlers (this library imports it): commissions are
    // approved or reversed before a line reads them.
    orderEvents.inTransaction('OrderConfirmed', (ctx, { order, lines }) => this.orderFinal(ctx, order, lines));
    orderEvents.inTransaction('OrderEnded', async (ctx, { order, lines }) => {
      if (order.status === OrderStatus.RETURNED) await this.orderFinal(ctx, order, lines);
    });
    orderEvents.inTransaction('OrderLinesRefunded', (ctx, { order, refunds }) => this.orderRefunded(ctx, order, refunds));
    reservationEvents.inTransaction('ReservationCompleted', (ctx, { reservation }) => this.reservationFinal(ctx, reservation));
    reservationEvents.inTransaction('ReservationNoShow', (ctx, { reservation }) => this.reservationFinal(ctx, reservation));
    reservationEvents.inTransaction('ReservationCancelled', (ctx, { reservation, refund }) => this.reservationCancelled(ctx, reservation, refund?.amount ?? 0));
    reservationEvents.inTransaction('ReservationRefunded', (ctx, { reservation, amount }) => this.reservationRefunded(ctx, reservation, amount));
  }

  /** Writes one line; its net follows from its amounts. */
  async write(ctx: RequestContext, source: LineSource, amounts: SettlementAmounts): Promise<SettlementLine> {
    return this.connection.getRepository(ctx, SettlementLine).save({
      id: randomUUID(),
      statementId: source.statementId ?? null,
      partnerAgencyId: source.partnerAgencyId,
      kind: source.kind,
      occurredAt: source.occurredAt,
      description: source.description,
      orderId: source.orderId ?? null,
      orderLineId: source.orderLineId ?? null,
      reservationId: source.reservationId ?? null,
      platformFeeRateBps: source.platformFeeRateBps ?? null,
      ...amounts,
      net: netOf(amounts),
      createdAt: this.clock.now(),
    });
  }

  /** ORDER_LINE per line and the SHIPPING kept, once per order: CONFIRMED, or RETURNED (docs/RULES.md §22). */
  private async orderFinal(ctx: RequestContext, order: Order, lines: readonly OrderLine[]): Promise<void> {
    if ((await this.settledRows(ctx, 'order_id', order.id)).length) return;
    const occurredAt = order.endedAt ?? this.clock.now();
    const rateBps = order.platformFeeRateBps ?? 0;
    const source = { partnerAgencyId: order.partnerAgencyId, occurredAt, orderId: order.id, platformFeeRateBps: rateBps };
    for (const line of lines) {
      const keptQuantity = line.quantity - line.cancelledQuantity - line.returnedQuantity;
      const amounts = orderLineAmounts(
        {
          unitPrice: line.unitPrice,
          quantity: line.quantity,
          keptQuantity,
          keptDiscounts: keptDiscountsOf(line),
          commission: await this.commissionEarned(ctx, { orderLineId: line.id }),
        },
        rateBps,
      );
      const description = `${order.number} ${line.title} ${keptQuantity}/${line.quantity}`;
      await this.write(ctx, { ...source, kind: SettlementLineKind.ORDER_LINE, description, orderLineId: line.id }, amounts);
    }
    const shipping = shippingKeptOf(order, lines);
    if (shipping !== 0) {
      await this.write(
        ctx,
        { ...source, kind: SettlementLineKind.SHIPPING, description: `${order.number} shipping`, platformFeeRateBps: null },
        shippingAmounts(shipping),
      );
    }
  }

  /** Money back on an order already settled: a POST_SETTLEMENT_REFUND per line, and one for shipping given back. */
  private async orderRefunded(ctx: RequestContext, order: Order, refunds: readonly OrderLineRefund[]): Promise<void> {
    const settled = await this.settledRows(ctx, 'order_id', order.id);
    if (!settled.length) return;
    const rateBps = order.platformFeeRateBps ?? 0;
    const source = {
      partnerAgencyId: order.partnerAgencyId,
      kind: SettlementLineKind.POST_SETTLEMENT_REFUND,
      occurredAt: this.clock.now(),
      orderId: order.id,
      platformFeeRateBps: rateBps,
    };
    for (const { line, amount } of refunds) {
      const ofLine = settled.filter((row) => row.orderLineId === line.id);
      const amounts = postSettlementRefundAmounts(
        {
          amount,
          settledBase: sumOf(ofLine, 'salesBase'),
          commissionReversed: Math.max(sumOf(ofLine, 'commission') - (await this.commissionEarned(ctx, { orderLineId: line.id })), 0),
        },
        rateBps,
      );
      await this.write(ctx, { ...source, description: `${order.number} ${line.title} refund`, orderLineId: line.id }, amounts);
    }
    const shippingBack = sumOf(settled, 'shipping') - shippingKeptOf(order, await this.orders.linesOf(ctx, order));
    if (shippingBack > 0) {
      await this.write(
        ctx,
        { ...source, description: `${order.number} shipping refund`, platformFeeRateBps: null },
        { ...shippingAmounts(-shippingBack), returns: shippingBack },
      );
    }
  }

  /** RESERVATION: COMPLETED, NO_SHOW, or cancelled keeping part of the price (docs/RULES.md §22). */
  private async reservationFinal(ctx: RequestContext, reservation: Reservation): Promise<void> {
    if ((await this.settledRows(ctx, 'reservation_id', reservation.id)).length) return;
    const rateBps = reservation.platformFeeRateBps ?? 0;
    const amounts = reservationAmounts(
      {
        amount: reservation.amount,
        refundedAmount: reservation.refundedAmount,
        commission: await this.commissionEarned(ctx, { reservationId: reservation.id }),
      },
      rateBps,
    );
    await this.write(
      ctx,
      {
        partnerAgencyId: reservation.partnerAgencyId,
        kind: SettlementLineKind.RESERVATION,
        occurredAt: this.clock.now(),
        description: `${reservation.number} ${reservation.status}`,
        reservationId: reservation.id,
        platformFeeRateBps: rateBps,
      },
      amounts,
    );
  }

  /** A paid reservation cancelled with part of its price kept is final; a cancellation after settlement is a refund. */
  private async reservationCancelled(ctx: RequestContext, reservation: Reservation, refunded: number): Promise<void> {
    if ((await this.settledRows(ctx, 'reservation_id', reservation.id)).length) return this.reservationRefunded(ctx, reservation, refunded);
    if (reservation.paidAt && reservation.status === ReservationStatus.CANCELLED && reservation.refundedAmount < reservation.amount) {
      await this.reservationFinal(ctx, reservation);
    }
  }

  private async reservationRefunded(ctx: RequestContext, reservation: Reservation, amount: number): Promise<void> {
    const settled = await this.settledRows(ctx, 'reservation_id', reservation.id);
    if (!settled.length || amount === 0) return;
    const rateBps = reservation.platformFeeRateBps ?? 0;
    const amounts = postSettlementRefundAmounts(
      {
        amount,
        settledBase: sumOf(settled, 'salesBase'),
        commissionReversed: Math.max(sumOf(settled, 'commission') - (await this.commissionEarned(ctx, { reservationId: reservation.id })), 0),
      },
      rateBps,
    );
    await this.write(
      ctx,
      {
        partnerAgencyId: reservation.partnerAgencyId,
        kind: SettlementLineKind.POST_SETTLEMENT_REFUND,
        occurredAt: this.clock.now(),
        description: `${reservation.number} refund`,
        reservationId: reservation.id,
        platformFeeRateBps: rateBps,
      },
      amounts,
    );
  }

  /** What the creator earns on the sale now: 0 without a commission or once it is reversed (docs/RULES.md §21). */
  private async commissionEarned(ctx: RequestContext, sale: SaleKey): Promise<number> {
    const commission = await this.commissions.forSale(ctx, sale);
    return !commission || commission.status === CommissionStatus.REVERSED ? 0 : commission.earned;
  }

  /** The lines already written for an order or a reservation. */
  private settledRows(ctx: RequestContext, column: 'order_id' | 'reservation_id', id: string): Promise<SettlementLine[]> {
    return this.connection.getRepository(ctx, SettlementLine).createQueryBuilder('line').where(`line.${column} = :id`, { id }).getMany();
  }
}

function sumOf(rows: readonly SettlementLine[], column: 'salesBase' | 'commission' | 'shipping'): number {
  return rows.reduce((sum, row) => sum + row[column], 0);
}
