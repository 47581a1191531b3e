import { Injectable } from '@nestjs/common';
import { ForbiddenError, NotFoundError, RequestContext } from '../../common/src/index.js';
import { ACTING_ROLES, OrganizationService } from '../../identity/src/index.js';
import { PartnerAgencyService, PartnerAgencyStatus } from '../../membership/src/index.js';

/** A consultation or reservation: between one buyer and one partner agency. */
export interface BookingParties {
  id: string;
  buyerId: string;
  partnerAgencyId: string;
}

export enum BookingSide {
  BUYER = 'BUYER',
  PARTNER_AGENCY = 'PARTNER_AGENCY',
}

/**
 * Who may see and act on consultations and reservations (docs/RULES.md §8, §11): the buyer, the agency's
 * members (OWNER and MANAGER act, STAFF only read; a withdrawn agency's members only read) and operators
 * (read, and complete, record no-shows and cancel). Anyone else is told NOT_FOUND, so nothing leaks about
 * other people's bookings.
 */
@Injectable()
export class BookingAccess {
  constructor(
    private readonly agencies: PartnerAgencyService,
    private readonly organizations: OrganizationService,
  ) {}

  async maySee(ctx: RequestContext, parties: BookingParties): Promise<boolean> {
    if (!ctx.user) return false;
    return ctx.user.id === parties.buyerId || ctx.isOperator || (await this.agencies.memberRole(ctx, parties.partnerAgencyId)) !== null;
  }

  async assertMaySee(ctx: RequestContext, parties: BookingParties, what: string): Promise<void> {
    if (!(await this.maySee(ctx, parties))) throw new NotFoundError(what, parties.id);
  }

  /**
   * The side the caller acts for: the buyer, or an OWNER / MANAGER of the agency while it has not
   * withdrawn (퇴점 ends its part: its members keep reading their history). Others who may see it (staff,
   * a withdrawn agency's members, operators) get FORBIDDEN; everyone else NOT_FOUND.
   */
  async sideOf(ctx: RequestContext, parties: BookingParties, what: string): Promise<BookingSide> {
    const user = ctx.requireUser();
    if (user.id === parties.buyerId) return BookingSide.BUYER;
    const agency = await this.agencies.load(ctx, parties.partnerAgencyId);
    const role = agency ? await this.organizations.roleOf(ctx, agency.organizationId) : null;
    if (!role && !ctx.isOperator) throw new NotFoundError(what, parties.id);
    if (agency?.status === PartnerAgencyStatus.WITHDRAWN && role)
      throw new ForbiddenError('The partner agency has withdrawn and no longer acts on its bookings');
    if (role && ACTING_ROLES.includes(role)) return BookingSide.PARTNER_AGENCY;
    throw new ForbiddenError(`Only the buyer and the partner agency's owners and managers may act on this ${what.toLowerCase()}`);
  }

  /** For what only one side does (the buyer pays, the agency completes). */
  async assertSide(ctx: RequestContext, parties: BookingParties, what: string, side: BookingSide): Promise<void> {
    if ((await this.sideOf(ctx, parties, what)) !== side) {
      throw new ForbiddenError(side === BookingSide.BUYER ? `Only the buyer may do this` : `Only the partner agency's owners and managers may do this`);
    }
  }

  /**
   * What the agency does once the service time has come (completing, recording a no-show): operators may
   * too, so that what a withdrawn agency leaves behind is settled.
   */
  async assertAgencyOrOperator(ctx: RequestContext, parties: BookingParties, what: string): Promise<void> {
    if (!ctx.isOperator) await this.assertSide(ctx, parties, what, BookingSide.PARTNER_AGENCY);
  }
}
