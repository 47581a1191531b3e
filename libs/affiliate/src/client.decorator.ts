import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { requestOf } from '../../common/src/index.js';
import type { ClickingClient } from './referral.service.js';

/** The caller's address and user agent, only ever hashed (referral click counting). */
export const Client = createParamDecorator((_: unknown, context: ExecutionContext): ClickingClient => {
  const req = requestOf(context);
  const userAgent = req.headers['user-agent'];
  return { address: req.ip ?? null, userAgent: (Array.isArray(userAgent) ? userAgent[0] : userAgent) ?? null };
});
