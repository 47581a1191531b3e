import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../common/src/index.js';
import { ListingService } from '../../catalog/src/index.js';
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
    if (!agency) return [];
    const members = await this.organizations.membersOfOrganization(ctx, agency.organizationId);
    return members.filter((member) => ACTING_ROLES.includes(member.role)).map((member) => member.userId);
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

  async listingTitle(ctx: RequestContext, listingId: string): Promise<string> {
    return (await this.listings.load(ctx, listingId))?.title ?? '서비스';
  }
}
