import { Injectable, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { AuthUser } from '../context/request-context.js';
import { ForbiddenError, UnauthenticatedError } from '../errors/dure-error.js';
import { ACCESS_KEY, requestOf, type Access, type DureRequest } from './access.decorators.js';

/**
 * Authenticates the bearer token when there is one (an invalid or expired token is always refused) and
 * enforces the operation's access level: public, signed in (the default) or operator.
 */
@Injectable()
export class AccessGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override getRequest(context: ExecutionContext): DureRequest {
    return requestOf(context);
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = this.getRequest(context);
    if (req.user === undefined) {
      if (req.headers.authorization) await super.canActivate(context);
      else req.user = null;
    }
    const access = this.reflector.getAllAndOverride<Access>(ACCESS_KEY, [context.getHandler(), context.getClass()]) ?? 'authenticated';
    if (access === 'public') return true;
    if (!req.user) throw new UnauthenticatedError();
    if (access === 'operator' && !req.user.isOperator) throw new ForbiddenError('Only operators may do this');
    return true;
  }

  override handleRequest<TUser = AuthUser>(error: unknown, user: TUser | false): TUser {
    if (error || !user) throw new UnauthenticatedError('The access token is invalid or has expired');
    return user;
  }
}
