import { Args, Mutation, ResolveField, Resolver } from '@nestjs/graphql';
import { contextOf, Ctx, NotFoundError, RequestContext, type GraphQLContext } from '../../common/src/index.js';
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

  @Mutation(() => DuesInvoice, {
    description:
      "Pays an OPEN or OVERDUE invoice (the agency's owners and managers; operators FORBIDDEN, another status INVALID_STATE). The first payment makes the agency ACTIVE.",
  })
  payDuesInvoice(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The invoice and the provider key of its payment.' }) input: PayInput,
  ): Promise<DuesInvoice> {
    return this.duesPayments.pay(ctx, input);
  }

  @ResolveField(() => PartnerAgency, { description: 'The agency that owes it.' })
  async partnerAgency(invoice: DuesInvoice, _args: unknown, graphql: GraphQLContext): Promise<PartnerAgency> {
    const agency = await this.agencies.load(contextOf(graphql), invoice.partnerAgencyId);
    if (!agency) throw new NotFoundError('Partner agency', invoice.partnerAgencyId);
    return agency;
  }

  @ResolveField(() => MembershipTier, { description: 'The tier whose dues it charges.' })
  tier(invoice: DuesInvoice, _args: unknown, graphql: GraphQLContext): Promise<MembershipTier> {
    return this.tiers.getById(contextOf(graphql), invoice.tierId);
  }

  @ResolveField(() => Payment, { nullable: true, description: 'The payment that collects it.' })
  payment(invoice: DuesInvoice, _args: unknown, graphql: GraphQLContext): Promise<Payment | null> {
    return this.duesPayments.payment(contextOf(graphql), invoice);
  }

  @ResolveField(() => PaymentRequest, { nullable: true, description: 'What to pay with, while the invoice can be paid.' })
  async paymentRequest(invoice: DuesInvoice, _args: unknown, graphql: GraphQLContext): Promise<PaymentRequest | null> {
    return this.payments.paymentRequestOf(await this.duesPayments.payment(contextOf(graphql), invoice));
  }
}
