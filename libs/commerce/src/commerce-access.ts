import { Injectable } from '@nestjs/common';
import { ClockService, DureConfig, ForbiddenError, NotFoundError, RequestContext, TransactionalConnection } from '../../common/src/index.js';
import { ACTING_ROLES } from '../../identity/src/index.js';
import { B2BPurchases, PartnerAgencyService } from '../../membership/src/index.js';
import type { Checkout } from './checkout.entity.js';
import { Order, OrderStatus } from './order.entity.js';
import { maskShippingAddress } from './shipping-address-masking.js';
import type { ShippingAddress } from './shipping-address.js';

const DAY_MS = 24 * 3600_000;

/** Orders the agency never sees: nobody has paid for them (docs/RULES.md §16). */
export const UNPAID_ORDER_STATUSES: readonly OrderStatus[] = [OrderStatus.PENDING_PAYMENT, OrderStatus.EXPIRED];

/**
 * Who reads checkouts and orders (docs/RULES.md §25): the buyer, operators and, for B2B purchases, the buyer
 * organization's members read both; the agency's members read its paid orders, never the checkout (it would
 * show other agencies' orders). Anyone else: NOT_FOUND.
 */
@Injectable()
export class CommerceAccess {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly agencies: PartnerAgencyService,
    private readonly b2bPurchases: B2BPurchases,
    private readonly config: DureConfig,
    private readonly clock: ClockService,
  ) {}

  /** The buyer and operators read a checkout and every order of it. */
  isBuyerOrOperator(ctx: RequestContext, bought: { buyerId: string }): boolean {
    return ctx.user?.id === bought.buyerId || ctx.isOperator;
  }

  /** The buyer, operators and, for a B2B checkout, the buyer organization's members (docs/RULES.md §25). */
  async mayReadCheckout(ctx: RequestContext, checkout: Checkout): Promise<boolean> {
    return this.isBuyerOrOperator(ctx, checkout) || this.b2bPurchases.isBuyerOrganizationMember(ctx, checkout.b2b);
  }

  async mayReadOrder(ctx: RequestContext, order: Order): Promise<boolean> {
    if (this.isBuyerOrOperator(ctx, order) || (await this.b2bPurchases.isBuyerOrganizationMember(ctx, order.b2b))) return true;
    return !UNPAID_ORDER_STATUSES.includes(order.status) && (await this.agencies.memberRole(ctx, order.partnerAgencyId)) !== null;
  }

  /**
   * Registered with identity's UserService (docs/RULES.md §25, extending §11): an agency's members may read the
   * email and phone of the buyers of its paid orders; one query per request however many buyers a response shows.
   */
  mayReadBuyerContact(ctx: RequestContext, userId: string): Promise<boolean> {
    return this.agencies.isCustomerOfCallerAgency(ctx, 'commerce.buyer-contacts', userId, async (agencyIds, userIds) => {
      const rows: Array<{ buyer_id: string }> = await this.connection
        .manager(ctx)
        .query(`SELECT DISTINCT buyer_id FROM commerce_order WHERE partner_agency_id = ANY($1) AND buyer_id = ANY($2) AND status <> ALL($3)`, [
          agencyIds,
          [...userIds],
          UNPAID_ORDER_STATUSES,
        ]);
      return new Set(rows.map((row) => row.buyer_id));
    });
  }

  /**
   * An address kept with an order as its reader may see it (docs/RULES.md §25): the buyer, the buyer
   * organization's members (B2B) and operators in full; everyone else who may read the order (its agency's
   * members) in full until ADDRESS_RETENTION_DAYS after the order ended, masked from then on. Callers have
   * checked that the order is readable.
   */
  async addressFor(ctx: RequestContext, order: Pick<Order, 'buyerId' | 'endedAt' | 'b2b'>, address: ShippingAddress): Promise<ShippingAddress> {
    if (this.isBuyerOrOperator(ctx, order) || !order.endedAt || (await this.b2bPurchases.isBuyerOrganizationMember(ctx, order.b2b))) return address;
    const retainedUntil = order.endedAt.getTime() + this.config.addressRetentionDays * DAY_MS;
    return this.clock.now().getTime() < retainedUntil ? address : maskShippingAddress(address);
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
