import { Injectable } from '@nestjs/common';
import { In, IsNull, Not } from 'typeorm';
import { DureConfig, TransactionalConnection, type RequestContext } from '../../common/src/index.js';
import type { Order } from './order.entity.js';
import { OPEN_RETURN_STATUSES, ReturnRequest } from './return-request.entity.js';
import { Shipment } from './shipment.entity.js';

const DAY_MS = 24 * 3600_000;

/**
 * When an order may be confirmed (docs/RULES.md §17, §18): an open return stops the timer; when the last one
 * closes, `autoConfirmAt` = max(deliveredAt + AUTO_CONFIRM_DAYS, closing + 1 day); after an exchange, its
 * replacement's delivery + AUTO_CONFIRM_DAYS (no timer while the replacement is on its way).
 */
@Injectable()
export class OrderConfirmationRules {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly config: DureConfig,
  ) {}

  /** Whether a return of the order is REQUESTED, ACCEPTED or RECEIVED. */
  async hasOpenReturn(ctx: RequestContext, order: Order): Promise<boolean> {
    const open = await this.connection.getRepository(ctx, ReturnRequest).countBy({ orderId: order.id, status: In(OPEN_RETURN_STATUSES) });
    return open > 0;
  }

  /** When an order delivered at `deliveredAt` confirms itself; null while a return is open or a replacement undelivered. */
  async autoConfirmAtOf(ctx: RequestContext, order: Order, deliveredAt: Date): Promise<Date | null> {
    const [returns, replacements] = await Promise.all([
      this.connection.getRepository(ctx, ReturnRequest).findBy({ orderId: order.id }),
      this.connection.getRepository(ctx, Shipment).find({ where: { orderId: order.id, replacementForId: Not(IsNull()) } }),
    ]);
    if (returns.some((request) => OPEN_RETURN_STATUSES.includes(request.status))) return null;
    if (replacements.some((shipment) => !shipment.deliveredAt)) return null;
    const after = this.config.autoConfirmDays * DAY_MS;
    const candidates = [
      deliveredAt.getTime() + after,
      ...returns.map((request) => request.closedAt!.getTime() + DAY_MS),
      ...replacements.map((shipment) => shipment.deliveredAt!.getTime() + after),
    ];
    return new Date(Math.max(...candidates));
  }
}
