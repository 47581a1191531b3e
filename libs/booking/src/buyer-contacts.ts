import { Injectable } from '@nestjs/common';
import { RequestContext, TransactionalConnection } from '../../common/src/index.js';
import { OrganizationService } from '../../identity/src/index.js';
import { PartnerAgencyService } from '../../membership/src/index.js';

/**
 * docs/RULES.md §11: members of a partner agency may read the email and phone of users who consulted or booked
 * it — nobody else's, and market creators never (they are not members of the agency). Registered with
 * identity's UserService; batched per request into one query however many buyers a response shows.
 */
@Injectable()
export class BuyerContacts {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly organizations: OrganizationService,
    private readonly agencies: PartnerAgencyService,
  ) {}

  mayRead(ctx: RequestContext, userId: string): Promise<boolean> {
    return ctx
      .loader<string, boolean>('booking.buyer-contacts', async (userIds) => {
        const agencyIds = await this.callerAgencyIds(ctx);
        if (!agencyIds.length) return userIds.map(() => false);
        const rows: Array<{ buyer_id: string }> = await this.connection.manager(ctx).query(
          `SELECT buyer_id FROM reservation WHERE partner_agency_id = ANY($1) AND buyer_id = ANY($2)
           UNION
           SELECT buyer_id FROM consultation WHERE partner_agency_id = ANY($1) AND buyer_id = ANY($2)`,
          [agencyIds, [...userIds]],
        );
        const customers = new Set(rows.map((row) => row.buyer_id));
        return userIds.map((id) => customers.has(id));
      })
      .load(userId);
  }

  private async callerAgencyIds(ctx: RequestContext): Promise<string[]> {
    const memberships = await this.organizations.membershipsOfUser(ctx, ctx.user!.id);
    const agencies = await Promise.all(memberships.map((m) => this.agencies.loadByOrganization(ctx, m.organizationId)));
    return agencies.filter((agency) => agency !== null).map((agency) => agency.id);
  }
}
