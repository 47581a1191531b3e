import { Module } from '@nestjs/common';
import { IdentityModule } from '../../identity/src/index.js';
import { PaymentsModule } from '../../payments/src/index.js';
import { B2BPurchases } from './b2b-purchase.js';
import { CertificationTransitions } from './certification-transitions.js';
import { CertificationResolver, OrganizationCertificationResolver } from './certification.resolver.js';
import { CertificationService } from './certification.service.js';
import { DuesInvoiceTransitions } from './dues-invoice-transitions.js';
import { DuesInvoiceResolver } from './dues-invoice.resolver.js';
import { DuesPayments } from './dues-payments.js';
import { DuesScheduler } from './dues.scheduler.js';
import { DuesService } from './dues.service.js';
import { MembershipDemoData } from './membership-demo-data.js';
import { MembershipTierResolver } from './membership-tier.resolver.js';
import { MembershipEvents } from './membership-events.js';
import { MembershipTierService } from './membership-tier.service.js';
import { PartnerAgencyTransitions } from './partner-agency-transitions.js';
import { OrganizationPartnerAgencyResolver, PartnerAgencyResolver } from './partner-agency.resolver.js';
import { PartnerAgencyService } from './partner-agency.service.js';
import { PolicyResolver } from './policy.resolver.js';
import { PolicyService } from './policy.service.js';
import { StrikeService } from './strike.service.js';
import { TierChangeService } from './tier-change.service.js';

export const MEMBERSHIP_RESOLVERS = [
  PolicyResolver,
  MembershipTierResolver,
  PartnerAgencyResolver,
  OrganizationPartnerAgencyResolver,
  DuesInvoiceResolver,
  CertificationResolver,
  OrganizationCertificationResolver,
];

/**
 * Policies and agreements, membership tiers, partner agencies with their dues and strikes. Other libraries
 * use PolicyService (agreements), PartnerAgencyService (may publish, sellable, fee rate), StrikeService and
 * TierChangeService (the catalog registers its ListingLimitEnforcer there).
 */
@Module({
  imports: [IdentityModule, PaymentsModule],
  providers: [
    MembershipEvents,
    PolicyService,
    MembershipTierService,
    PartnerAgencyTransitions,
    DuesInvoiceTransitions,
    CertificationTransitions,
    CertificationService,
    B2BPurchases,
    DuesService,
    DuesPayments,
    TierChangeService,
    PartnerAgencyService,
    StrikeService,
    DuesScheduler,
    MembershipDemoData,
    ...MEMBERSHIP_RESOLVERS,
  ],
  exports: [
    B2BPurchases,
    CertificationService,
    PolicyService,
    MembershipTierService,
    PartnerAgencyService,
    DuesService,
    StrikeService,
    TierChangeService,
    MembershipEvents,
  ],
})
export class MembershipModule {}
