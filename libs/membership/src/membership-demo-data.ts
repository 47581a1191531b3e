import { Injectable } from '@nestjs/common';
import { DemoDataRegistry, DureConfig, RequestContext, type AuthUser } from '../../common/src/index.js';
import { DEMO_ACCOUNTS, OrganizationService, UserService } from '../../identity/src/index.js';
import { DuesPayments } from './dues-payments.js';
import { DuesService } from './dues.service.js';
import { PartnerAgencyService } from './partner-agency.service.js';
import { ReviewDecision } from './partner-agency.entity.js';
import { PolicyKind } from './policy-document.entity.js';
import { PolicyService } from './policy.service.js';
import { ServiceCategory } from './service-category.js';

/**
 * The demo cooperative (햇살돌봄 사회적협동조합) becomes an ACTIVE partner agency on STANDARD through the same
 * steps a real one takes: application, approval, and its first dues paid (with the simulated provider;
 * with a real one the agency stays AWAITING_DUES for someone to pay by hand).
 */
@Injectable()
export class MembershipDemoData {
  constructor(
    private readonly users: UserService,
    private readonly organizations: OrganizationService,
    private readonly policies: PolicyService,
    private readonly agencies: PartnerAgencyService,
    private readonly dues: DuesService,
    private readonly duesPayments: DuesPayments,
    private readonly config: DureConfig,
    demoData: DemoDataRegistry,
  ) {
    demoData.register('membership', (ctx) => this.seed(ctx));
  }

  private async seed(ctx: RequestContext): Promise<void> {
    const owner = await this.users.findByEmail(ctx, DEMO_ACCOUNTS.cooperative.email);
    const operator = await this.users.findByEmail(ctx, DEMO_ACCOUNTS.operator.email);
    const [membership] = owner ? await this.organizations.membershipsOfUser(ctx, owner.id) : [];
    if (!operator || !membership || (await this.agencies.loadByOrganization(ctx, membership.organizationId))) return;

    const agreed = (await this.policies.current(ctx)).filter((policy) => policy.kind !== PolicyKind.MARKET_CREATOR_TERMS);
    const ownerCtx = acting(ctx, { id: owner!.id, isOperator: false });
    const agency = await this.agencies.apply(ownerCtx, {
      organizationId: membership.organizationId,
      tierCode: 'STANDARD',
      introduction: '마포구에서 어르신 방문 돌봄과 생활 지원을 하는 사회적협동조합입니다. 요양보호사 조합원 40명이 함께 일합니다.',
      serviceCategories: [ServiceCategory.CARE, ServiceCategory.LIVING],
      agreedPolicyIds: agreed.map((policy) => policy.id),
    });
    await this.agencies.review(acting(ctx, { id: operator.id, isOperator: true }), { id: agency.id, decision: ReviewDecision.APPROVE, note: '서류 확인 완료' });
    if (this.config.paymentProvider !== 'simulated') return;
    const [firstInvoice] = await this.dues.invoicesOf(ctx, agency.id);
    await this.duesPayments.pay(ownerCtx, { id: firstInvoice.id, paymentKey: `demo_dues_${firstInvoice.id}` });
  }
}

/** The seeding transaction, acting as `user`. */
function acting(ctx: RequestContext, user: AuthUser): RequestContext {
  const as = new RequestContext(ctx.requestId, user);
  as.manager = ctx.manager;
  return as;
}
