import { Args, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx, NotFoundError, RequestContext } from '../../common/src/index.js';
import { Payment, PaymentRequest, PaymentService } from '../../payments/src/index.js';
import { PayInput } from './dto/pay.input.js';
import { DuesPayments } from './dues-payments.js';
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
    private readonly duesPayments: DuesPayments,
    private readonly payments: PaymentService,
  ) {}

  @Mutation(() => DuesInvoice, { description: "Pays an OPEN or OVERDUE invoice (the agency's owners and managers)." })
  payDuesInvoice(@Ctx() ctx: RequestContext, @Args('input') input: PayInput): Promise<DuesInvoice> {
    return this.duesPayments.pay(ctx, input);
  }

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

  @ResolveField(() => Payment, { nullable: true })
  payment(@Ctx() ctx: RequestContext, @Parent() invoice: DuesInvoice): Promise<Payment | null> {
    return this.duesPayments.payment(ctx, invoice);
  }

  @ResolveField(() => PaymentRequest, { nullable: true, description: 'What to pay with, while the invoice can be paid.' })
  async paymentRequest(@Ctx() ctx: RequestContext, @Parent() invoice: DuesInvoice): Promise<PaymentRequest | null> {
    return this.payments.paymentRequestOf(await this.duesPayments.payment(ctx, invoice));
  }
}
