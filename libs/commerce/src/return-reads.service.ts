import { Injectable } from '@nestjs/common';
import { NotFoundError, RequestContext, TransactionalConnection, isUuid, paginate, type Page } from '../../common/src/index.js';
import { PartnerAgencyService } from '../../membership/src/index.js';
import type { ReturnListArgs } from './dto/return.inputs.js';
import { OrderLine } from './order-line.entity.js';
import { OrderReads } from './order-reads.service.js';
import { returnRefundPlanOf } from './order-returns.service.js';
import type { Order } from './order.entity.js';
import { OPEN_RETURN_STATUSES, ReturnLine, ReturnRequest, ReturnResolution } from './return-request.entity.js';
import { Shipment } from './shipment.entity.js';

/**
 * Reading returns (docs/RULES.md §18, §25): they are reached through an order, a parcel or the agency's list,
 * each already checked for the caller; nested fields are batched per request.
 */
@Injectable()
export class ReturnReads {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly agencies: PartnerAgencyService,
    private readonly orders: OrderReads,
  ) {}

  /** The agency's returns, newest first, for its members and operators (others NOT_FOUND). */
  async ofPartnerAgency(ctx: RequestContext, partnerAgencyId: string, args: ReturnListArgs): Promise<Page<ReturnRequest>> {
    if (!isUuid(partnerAgencyId)) throw new NotFoundError('Partner agency', partnerAgencyId);
    await this.agencies.assertMemberOrOperator(ctx, partnerAgencyId);
    const query = this.connection
      .getRepository(ctx, ReturnRequest)
      .createQueryBuilder('r')
      .where('r.partner_agency_id = :partnerAgencyId', { partnerAgencyId });
    if (args.status) query.andWhere('r.status = :status', { status: args.status });
    return paginate(query, args, [
      { expression: 'r.requested_at', direction: 'DESC', valueOf: (row) => row.requestedAt },
      { expression: 'r.id', direction: 'DESC', valueOf: (row) => row.id },
    ]);
  }

  returnsOf(ctx: RequestContext, order: Order): Promise<ReturnRequest[]> {
    return this.connection.loadMany(ctx, ReturnRequest, 'order_id', order.id, (request) => request.orderId, 'requested_at');
  }

  linesOf(ctx: RequestContext, request: ReturnRequest): Promise<ReturnLine[]> {
    return this.connection.loadMany(ctx, ReturnLine, 'return_request_id', request.id, (line) => line.returnRequestId, 'position');
  }

  async orderOf(ctx: RequestContext, request: ReturnRequest): Promise<Order> {
    return this.orders.orderOf(ctx, request);
  }

  async orderLineOf(ctx: RequestContext, line: ReturnLine): Promise<OrderLine> {
    return (await this.connection.loadOne(ctx, OrderLine, 'id', line.orderLineId, (row) => row.id))!;
  }

  replacementShipmentOf(ctx: RequestContext, request: ReturnRequest): Promise<Shipment | null> {
    return this.connection.loadOne(ctx, Shipment, 'replacement_for_id', request.id, (shipment) => shipment.replacementForId!);
  }

  replacementForOf(ctx: RequestContext, shipment: Shipment): Promise<ReturnRequest | null> {
    const id = shipment.replacementForId;
    return id ? this.connection.loadOne(ctx, ReturnRequest, 'id', id, (request) => request.id) : Promise.resolve(null);
  }

  /**
   * The money paid back once COMPLETED; before, the estimate of refunding its units now (0 for an exchange, and
   * for a return that closed without completing).
   */
  async refundAmountOf(ctx: RequestContext, request: ReturnRequest): Promise<number> {
    if (request.refundAmount !== null) return request.refundAmount;
    if (request.resolution === ReturnResolution.EXCHANGE || !OPEN_RETURN_STATUSES.includes(request.status)) return 0;
    const order = await this.orderOf(ctx, request);
    const [lines, returned] = await Promise.all([this.orders.linesOf(ctx, order), this.linesOf(ctx, request)]);
    const units = returned.map(({ orderLineId, quantity }) => ({ line: lines.find((line) => line.id === orderLineId)!, quantity }));
    return returnRefundPlanOf(order, lines, request, units).moneyBack;
  }
}
