import { Body, Controller, HttpCode, NotFoundException, Param, Post } from '@nestjs/common';
import { Ctx, DureConfig, Public, RequestContext, TransactionalConnection } from '../../common/src/index.js';
import { PaymentReconciliationService } from './payment-reconciliation.service.js';

/** Toss Payments' event shape (`PAYMENT_STATUS_CHANGED`, `CANCEL_STATUS_CHANGED`…); the simulated provider uses the same. */
interface PaymentWebhookBody {
  eventType?: unknown;
  data?: { paymentKey?: unknown; orderId?: unknown };
}

/**
 * Provider notifications. Toss does not sign payment events, so the body only says which payment to
 * look at: the change itself is read back from the provider by a queued reconciliation. The answer is
 * immediate (the provider retries anything slow or failed), and a replay queues at most one more look.
 */
@Controller('webhooks/payments')
export class PaymentWebhookController {
  constructor(
    private readonly config: DureConfig,
    private readonly connection: TransactionalConnection,
    private readonly reconciliation: PaymentReconciliationService,
  ) {}

  @Public()
  @Post(':provider')
  @HttpCode(200)
  async receive(@Ctx() ctx: RequestContext, @Param('provider') provider: string, @Body() body: PaymentWebhookBody): Promise<{ received: boolean }> {
    if (provider !== this.config.paymentProvider) throw new NotFoundException();
    const { paymentKey, orderId } = body?.data ?? {};
    if (!isKey(paymentKey) || !isKey(orderId)) return { received: false };
    const known = await this.connection.withTransaction(ctx, () => this.reconciliation.requestReconciliation(ctx, orderId, paymentKey));
    return { received: known };
  }
}

function isKey(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= 200;
}
