import { Injectable } from '@nestjs/common';
import { ForbiddenError, NotFoundError, RequestContext } from '../../common/src/index.js';
import { ACTING_ROLES } from '../../identity/src/index.js';
import { PartnerAgencyService } from '../../membership/src/index.js';
import type { Checkout } from './checkout.entity.js';
import { Order, OrderStatus } from './order.entity.js';

/** Orders the agency never sees: nobody has paid for them (docs/RULES.md §16). */
export const UNPAID_ORDER_STATUSES: readonly OrderStatus[] = [OrderStatus.PENDING_PAYMENT, OrderStatus.EXPIRED];

/**
 * Who reads checkouts and orders (docs/RULES.md §25): the buyer and operators read both; the agency's members
 * read its paid orders, never the checkout (it would show other agencies' orders). Anyone else: NOT_FOUND.
 */
@Injectable()
export class CommerceAccess {
  constructor(private readonly agencies: PartnerAgencyService) {}

  /** The buyer and operators read a checkout and every order of it. */
  isBuyerOrOperator(ctx: RequestContext, bought: { buyerId: string }): boolean {
    return ctx.user?.id === bought.buyerId || ctx.isOperator;
  }

  async mayReadOrder(ctx: RequestContext, order: Order): Promise<boolean> {
    if (this.isBuyerOrOperator(ctx, order)) return true;
    return !UNPAID_ORDER_STATUSES.includes(order.status) && (await this.agencies.memberRole(ctx, order.partnerAgencyId)) !== null;
  }

  /**
   * Acting for the order's agency (shipping, delaying, marking delivered: docs/RULES.md §17, §25): its OWNER
   * or MANAGER, or an operator. Others who may read the order (the buyer, STAFF) are FORBIDDEN, the rest NOT_FOUND.
   */
  async assertActsForAgency(ctx: RequestContext, order: Order): Promise<void> {
    ctx.requireUser();
    if (!(await this.mayReadOrder(ctx, order))) throw new NotFoundError('Order', order.id);
    if (ctx.isOperator) return;
    const role = await this.agencies.memberRole(ctx, order.partnerAgencyId);
    if (!role || !ACTING_ROLES.includes(role)) throw new ForbiddenError("Only the partner agency's owners and managers may do this");
  }

  /** What only the order's buyer does (구매확정): others who may read it are FORBIDDEN, the rest NOT_FOUND. */
  async assertOrderBuyer(ctx: RequestContext, order: Order): Promise<void> {
    const user = ctx.requireUser();
    if (user.id === order.buyerId) return;
    if (!(await this.mayReadOrder(ctx, order))) throw new NotFoundError('Order', order.id);
    throw new ForbiddenError('Only the buyer may do this');
  }

  /** What only the buyer does (paying): others who may read it are FORBIDDEN, the rest NOT_FOUND. */
  assertBuyer(ctx: RequestContext, checkout: Checkout): void {
    const user = ctx.requireUser();
    if (user.id === checkout.buyerId) return;
    if (ctx.isOperator) throw new ForbiddenError('Only the buyer may pay a checkout');
    throw new NotFoundError('Checkout', checkout.id);
  }
}
