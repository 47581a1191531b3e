import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DemoDataRegistry, DureConfig, RequestContext, TransactionalConnection } from '../../common/src/index.js';
import { OrganizationKind } from './organization.entity.js';
import { OrganizationService } from './organization.service.js';
import { UserService } from './user.service.js';

/** Demo accounts for a fresh local database; the passwords are in the README. */
export const DEMO_ACCOUNTS = {
  operator: { email: 'operator@dure.local', password: 'dure-operator-demo', name: '두레 사무국' },
  buyer: { email: 'buyer@dure.local', password: 'dure-buyer-demo', name: '김구매' },
  cooperative: { email: 'coop@dure.local', password: 'dure-coop-demo', name: '이협동' },
};

/** Creates the operator named by DURE_OPERATOR_EMAIL at start-up, and registers identity's demo data. */
@Injectable()
export class IdentityBootstrapService implements OnApplicationBootstrap {
  private readonly logger = new Logger(IdentityBootstrapService.name);

  constructor(
    private readonly config: DureConfig,
    private readonly connection: TransactionalConnection,
    private readonly users: UserService,
    private readonly organizations: OrganizationService,
    demoData: DemoDataRegistry,
  ) {
    demoData.register('identity', (ctx) => this.seedDemoData(ctx));
  }

  async onApplicationBootstrap(): Promise<void> {
    const { operatorEmail, operatorPassword } = this.config;
    if (!operatorEmail || !operatorPassword) return;
    const ctx = RequestContext.system('operator-bootstrap');
    await this.connection.withTransaction(ctx, () => this.users.ensureOperator(ctx, operatorEmail, operatorPassword));
    this.logger.log(`operator ${operatorEmail} is ready`);
  }

  private async seedDemoData(ctx: RequestContext): Promise<void> {
    if (await this.users.findByEmail(ctx, DEMO_ACCOUNTS.operator.email)) return;
    const { operator, buyer, cooperative } = DEMO_ACCOUNTS;
    await this.users.ensureOperator(ctx, operator.email, operator.password, operator.name);
    await this.users.create(ctx, { ...buyer, phone: '010-1234-5678' });
    const owner = await this.users.create(ctx, { ...cooperative, phone: null });
    const ownerCtx = new RequestContext(ctx.requestId, { id: owner.id, isOperator: false });
    ownerCtx.manager = ctx.manager;
    await this.organizations.create(ownerCtx, {
      name: '햇살돌봄 사회적협동조합',
      kind: OrganizationKind.SOCIAL_COOPERATIVE,
      businessRegistrationNumber: '220-81-62517',
      representativeName: '이협동',
      address: '서울특별시 마포구 월드컵로 1',
    });
  }
}
