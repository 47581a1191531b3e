import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ForbiddenError, UnauthenticatedError } from '../errors/dure-error.js';
import { ACCESS_KEY, requestOf, type Access } from './access.decorators.js';
import { Authenticator } from './authenticator.js';

/**
 * Authenticates the bearer token when there is one (an invalid or expired token is always refused) and
 * enforces the operation's access level: public, signed in (the default) or operator.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = requestOf(context);
    // Every root field starts here: one that comes after the operation's time is up does not start.
    req.operationDeadline?.check();
    const access = this.reflector.getAllAndOverride<Access>(ACCESS_KEY, [context.getHandler(), context.getClass()]) ?? 'authenticated';
    // A public plain HTTP route (webhooks, probes, media) never reads the caller, so a header meant for
    // something else must not turn it into an error; GraphQL still refuses a bad token so clients refresh.
    if (access === 'public' && context.getType<string>() !== 'graphql') return true;
    const user = await this.authenticator.authenticate(req);
    if (access === 'public') return true;
    if (!user) throw new UnauthenticatedError();
    if (access === 'operator' && !user.isOperator) throw new ForbiddenError('Only operators may do this');
    return true;
  }
}
