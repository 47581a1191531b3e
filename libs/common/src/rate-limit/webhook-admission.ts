import { HttpException, HttpStatus } from '@nestjs/common';
import type { Response } from 'express';
import type { RequestContext } from '../context/request-context.js';
import type { MutationRateLimiter } from './mutation-rate-limiter.js';

/**
 * Anyone can post to a webhook, so each client address is limited per sliding minute: beyond `limitPerMinute`,
 * HTTP 429 with `retry-after` and a RATE_LIMITED error in the GraphQL error shape.
 */
export async function admitWebhookPost(
  limiter: MutationRateLimiter,
  ctx: RequestContext,
  scope: string,
  limitPerMinute: number,
  res: Response,
  what: string,
): Promise<void> {
  const admission = await limiter.admitAddress(scope, ctx.clientAddress, limitPerMinute);
  if (admission.admitted) return;
  const seconds = admission.retryAfterSeconds;
  res.setHeader('retry-after', String(seconds));
  throw new HttpException(
    { errors: [{ message: `Too many ${what}; try again in ${seconds} s`, extensions: { code: 'RATE_LIMITED' } }] },
    HttpStatus.TOO_MANY_REQUESTS,
  );
}
