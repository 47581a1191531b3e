import { Controller, HttpCode, HttpException, Inject, NotFoundException, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Ctx, DureConfig, MutationRateLimiter, Public, RequestContext, TransactionalConnection, admitWebhookPost } from '../../../common/src/index.js';
import { TrackingPushes } from './tracking-pushes.js';
import { TRACKING_PROVIDER, TrackingWebhookRejectedError, type PushedParcelProgress, type TrackingProvider } from './tracking-provider.js';

/**
 * Pushes from the tracking provider (docs/RULES.md §17): verified and parsed by the provider itself (401 not
 * from it, 400 unreadable), then applied in one transaction, each push's eventId once, so a provider
 * repeating a push changes nothing. Only the configured provider has a webhook (others: 404); posts are
 * limited per client address like payment webhooks.
 */
@Controller('webhooks/tracking')
export class TrackingWebhookController {
  constructor(
    private readonly config: DureConfig,
    private readonly connection: TransactionalConnection,
    private readonly limiter: MutationRateLimiter,
    private readonly pushes: TrackingPushes,
    @Inject(TRACKING_PROVIDER) private readonly provider: TrackingProvider,
  ) {}

  @Public()
  @Post(':provider')
  @HttpCode(200)
  async receive(
    @Ctx() ctx: RequestContext,
    @Param('provider') provider: string,
    @Req() req: Request & { rawBody?: Buffer },
    @Res({ passthrough: true }) res: Response,
  ): Promise<{ received: number; applied: number }> {
    if (provider !== this.provider.name) throw new NotFoundException();
    await admitWebhookPost(this.limiter, ctx, 'tracking-webhook', this.config.trackingWebhookRateLimitPerMinute, res, 'tracking notifications');
    const parsed = this.parse(req);
    const applied = await this.connection.withTransaction(ctx, () => this.pushes.apply(ctx, this.provider.name, parsed));
    return { received: parsed.length, applied };
  }

  private parse(req: Request & { rawBody?: Buffer }): PushedParcelProgress[] {
    try {
      return this.provider.parseWebhook({ headers: req.headers, query: req.query, rawBody: req.rawBody ?? Buffer.alloc(0) });
    } catch (error) {
      if (!(error instanceof TrackingWebhookRejectedError)) throw error;
      const code = error.httpStatus === 401 ? 'UNAUTHENTICATED' : 'BAD_USER_INPUT';
      throw new HttpException({ errors: [{ message: error.message, extensions: { code } }] }, error.httpStatus);
    }
  }
}
