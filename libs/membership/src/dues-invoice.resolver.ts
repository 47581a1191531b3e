import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx, NotFoundError, RequestContext } from '../../common/src/index.js';
import { DuesInvoice } from './dues-invoice.entity.js';
import { MembershipTier } from './membership-tier.entity.js';
import { MembershipTierService } from './membership-tier.service.js';
import { PartnerAgency } from './partner-agency.entity.js';
import { PartnerAgencyService } from './partner-agency.service.js';

@Resolver(() => DuesInvoice)
export class DuesInvoiceResolver {
  constructor(
    private readonly agencies: PartnerAgencyService,
    private readonly tiers: MembershipTierService,
  ) {}

  @ResolveField(() => PartnerAgency)
  async partnerAgency(@Ctx() ctx: RequestContext, @Parent() invoice: DuesInvoice): Promise<PartnerAgency> {
    const agency = await this.agencies.load(ctx, invoice.partnerAgencyId);
    if (!agency) throw new NotFoundError('Partner agency', invoice.partnerAgencyId);
    return agency;
  }

  @ResolveField(() => MembershipTier)
  tier(@Ctx() ctx: RequestContext, @Parent() invoice: DuesInvoice): Promise<MembershipTier> {
    return this.tiers.getById(ctx, invoice.tierId);
  }
}
