import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../common/src/index.js';
import { ListingService, type Listing } from '../../catalog/src/index.js';
import { ACTING_ROLES, OrganizationService, UserService } from '../../identity/src/index.js';
import { PartnerAgencyService } from '../../membership/src/index.js';

/** Who hears of an event and the names the templates use, through the owning libraries' services. */
@Injectable()
export class NotificationRecipients {
  constructor(
    private readonly agencies: PartnerAgencyService,
    private readonly organizations: OrganizationService,
    private readonly users: UserService,
    private readonly listings: ListingService,
  ) {}

  /** The agency's OWNER and MANAGERs: those who act for it (staff only read). */
  async agencyManagers(ctx: RequestContext, partnerAgencyId: string): Promise<string[]> {
    const agency = await this.agencies.load(ctx, partnerAgencyId);
    return agency ? this.organizationManagers(ctx, agency.organizationId) : [];
  }

  /** As agencyManagers, from the agency's organization (a listing carries it): one statement. */
  async organizationManagers(ctx: RequestContext, organizationId: string): Promise<string[]> {
    const members = await this.organizations.membersOfOrganization(ctx, organizationId);
    return members.filter((member) => ACTING_ROLES.includes(member.role)).map((member) => member.userId);
  }

  /** The platform's operators. */
  operators(ctx: RequestContext): Promise<string[]> {
    return this.users.operatorIds(ctx);
  }

  /** The agency's organization name (how buyers know it). */
  async agencyName(ctx: RequestContext, partnerAgencyId: string): Promise<string> {
    const agency = await this.agencies.load(ctx, partnerAgencyId);
    const organization = agency && (await this.organizations.load(ctx, agency.organizationId));
    return organization?.name ?? '입점 기관';
  }

  async userName(ctx: RequestContext, userId: string): Promise<string> {
    return (await this.users.load(ctx, userId))?.name ?? '회원';
  }

  /** The listing an event is about; usually loaded already by the change (per-request DataLoader). */
  listing(ctx: RequestContext, listingId: string): Promise<Listing | null> {
    return this.listings.load(ctx, listingId);
  }

  async listingTitle(ctx: RequestContext, listingId: string): Promise<string> {
    return titleOf(await this.listing(ctx, listingId));
  }
}

export function titleOf(listing: Listing | null): string {
  return listing?.title ?? '서비스';
}
