import { Injectable } from '@nestjs/common';
import { RequestContext, TransactionalConnection } from '../../common/src/index.js';
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
    private readonly agencies: PartnerAgencyService,
  ) {}

  mayRead(ctx: RequestContext, userId: string): Promise<boolean> {
    return this.agencies.isCustomerOfCallerAgency(ctx, 'booking.buyer-contacts', userId, async (agencyIds, userIds) => {
      const rows: Array<{ buyer_id: string }> = await this.connection.manager(ctx).query(
        `SELECT buyer_id FROM reservation WHERE partner_agency_id = ANY($1) AND buyer_id = ANY($2)
         UNION
         SELECT buyer_id FROM consultation WHERE partner_agency_id = ANY($1) AND buyer_id = ANY($2)`,
        [agencyIds, [...userIds]],
      );
      return new Set(rows.map((row) => row.buyer_id));
    });
  }
}
