import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { AuthUser } from '../context/request-context.js';
import { isUuid } from '../database/postgres-errors.js';
import { UnauthenticatedError } from '../errors/dure-error.js';
import type { DureRequest } from './access.decorators.js';

/** What an access token says: the user, the session it was issued in, and its lifetime (seconds). */
export interface AccessTokenClaims {
  sub: string;
  sid: string;
  iat: number;
  exp: number;
}

/** The signed-in user when the token's session is still open and belongs to its subject, else null. */
export type SessionCheck = (claims: Pick<AccessTokenClaims, 'sub' | 'sid'>) => Promise<AuthUser | null>;

const BEARER = /^bearer\s+(\S+)$/i;

/**
 * Who is calling: the bearer token's signature and `exp`, then its session, checked by the identity
 * library (which owns sessions) through the check it registers. Once per request, kept on `req.user` —
 * the user, or null when no token is sent. An invalid, expired or signed-out token is refused, and asking
 * again checks it again. A failure to check (the database unreachable) is an error, not a sign-out.
 */
@Injectable()
export class Authenticator {
  private sessionCheck?: SessionCheck;

  constructor(private readonly jwt: JwtService) {}

  checkSessionsWith(check: SessionCheck): void {
    this.sessionCheck = check;
  }

  async authenticate(req: DureRequest): Promise<AuthUser | null> {
    if (req.user !== undefined) return req.user;
    const header = req.headers.authorization;
    if (!header) return (req.user = null);
    const claims = typeof header === 'string' ? this.verifiedClaims(BEARER.exec(header)?.[1]) : null;
    if (!this.sessionCheck) throw new Error('No session check is registered (IdentityModule registers it)');
    const user = claims && (await this.sessionCheck(claims));
    if (!user) throw new UnauthenticatedError('The access token is invalid, has expired or its session has ended');
    req.user = user;
    return user;
  }

  private verifiedClaims(token: string | undefined): AccessTokenClaims | null {
    if (!token) return null;
    let claims: Partial<Record<keyof AccessTokenClaims, unknown>>;
    try {
      claims = this.jwt.verify(token);
    } catch {
      return null;
    }
    // jsonwebtoken takes a token without `exp` for one that never expires; ours always carry one.
    const { sub, sid, iat, exp } = claims;
    if (typeof exp !== 'number' || typeof iat !== 'number' || typeof sub !== 'string' || typeof sid !== 'string') return null;
    return isUuid(sub) && isUuid(sid) ? { sub, sid, iat, exp } : null;
  }
}
