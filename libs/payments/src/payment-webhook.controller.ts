import { Body, Controller, HttpCode, NotFoundException, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Ctx, DureConfig, MutationRateLimiter, Public, RequestContext, TransactionalConnection, admitWebhookPost } from '../../common/src/index.js';
import { PaymentReconciliationService } from './payment-reconciliation.service.js';

/** Toss Payments' event shape (`PAYMENT_STATUS_CHANGED`, `CANCEL_STATUS_CHANGED`…); the simulated provider uses the same. */
interface PaymentWebhookBody {
  eventType?: unknown;
  data?: { paymentKey?: unknown; orderId?: unknown };
}

/**
 * Provider notifications. Toss does not sign payment events, so the body only says which payment to
 * look at: the change itself is read back from the provider by a queued reconciliation. The answer is
 * immediate (the provider retries anything slow or failed). Anyone can post here, so each client
 * address is limited (PAYMENT_WEBHOOK_RATE_LIMIT_PER_MINUTE), and however many posts name a payment,
 * at most one reconciliation of it waits in the queue.
 */
@Controller('webhooks/payments')
export class PaymentWebhookController {
  constructor(
    private readonly config: DureConfig,
    private readonly connection: TransactionalConnection,
    private readonly reconciliation: PaymentReconciliationService,
    private readonly limiter: MutationRateLimiter,
  ) {}

  @Public()
  @Post(':provider')
  @HttpCode(200)
  async receive(
    @Ctx() ctx: RequestContext,
    @Param('provider') provider: string,
    @Body() body: PaymentWebhookBody,
    @Res({ passthrough: true }) res: Response,
  ): Promise<{ received: boolean }> {
    if (provider !== this.config.paymentProvider) throw new NotFoundException();
    await admitWebhookPost(this.limiter, ctx, 'payment-webhook', this.config.paymentWebhookRateLimitPerMinute, res, 'payment notifications');
    const { paymentKey, orderId } = body?.data ?? {};
    if (!isKey(paymentKey) || !isKey(orderId)) return { received: false };
    const relevant = await this.connection.withTransaction(ctx, () => this.reconciliation.requestReconciliation(ctx, orderId, paymentKey));
    return { received: relevant };
  }
}

function isKey(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= 200;
}
