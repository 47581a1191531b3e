import { Injectable } from '@nestjs/common';
import { ForbiddenError, NotFoundError, RequestContext, UnauthenticatedError, type AuthUser } from '../../common/src/index.js';
import { OrganizationService, type OrganizationRole } from '../../identity/src/index.js';
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
  constructor(
    private readonly agencies: PartnerAgencyService,
    private readonly organizations: OrganizationService,
  ) {}

  requireUser(ctx: RequestContext): AuthUser {
    if (!ctx.user) throw new UnauthenticatedError();
    return ctx.user;
  }

  /** The caller's role in the agency's organization, or null; batched per request. */
  async agencyRole(ctx: RequestContext, partnerAgencyId: string): Promise<OrganizationRole | null> {
    const agency = await this.agencies.load(ctx, partnerAgencyId);
    return agency && ctx.user ? this.organizations.roleOf(ctx, agency.organizationId) : null;
  }

  /** The buyer and operators read a checkout and every order of it. */
  isBuyerOrOperator(ctx: RequestContext, bought: { buyerId: string }): boolean {
    return ctx.user?.id === bought.buyerId || ctx.isOperator;
  }

  async mayReadOrder(ctx: RequestContext, order: Order): Promise<boolean> {
    if (this.isBuyerOrOperator(ctx, order)) return true;
    return !UNPAID_ORDER_STATUSES.includes(order.status) && (await this.agencyRole(ctx, order.partnerAgencyId)) !== null;
  }

  /** What only the buyer does (paying): others who may read it are FORBIDDEN, the rest NOT_FOUND. */
  assertBuyer(ctx: RequestContext, checkout: Checkout): void {
    const user = this.requireUser(ctx);
    if (user.id === checkout.buyerId) return;
    if (ctx.isOperator) throw new ForbiddenError('Only the buyer may pay a checkout');
    throw new NotFoundError('Checkout', checkout.id);
  }

  /** Lists of an agency's orders: its members and operators; others NOT_FOUND. */
  async assertMayReadAgency(ctx: RequestContext, partnerAgencyId: string): Promise<void> {
    this.requireUser(ctx);
    if (ctx.isOperator || (await this.agencyRole(ctx, partnerAgencyId))) return;
    throw new NotFoundError('Partner agency', partnerAgencyId);
  }

  /** Members of a listing's own agency cannot buy it (docs/RULES.md §16). */
  async assertNotOwnAgency(ctx: RequestContext, partnerAgencyId: string): Promise<void> {
    if (await this.agencyRole(ctx, partnerAgencyId)) throw new ForbiddenError("Members of the listing's own partner agency cannot buy it");
  }
}
