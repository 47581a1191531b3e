import { Injectable } from '@nestjs/common';
import passport from 'passport';
import { ExtractJwt, Strategy as JwtStrategy } from 'passport-jwt';
import { DureConfig } from '../config/dure-config.js';
import type { AuthUser } from '../context/request-context.js';
import { isUuid } from '../database/postgres-errors.js';
import { UnauthenticatedError } from '../errors/dure-error.js';
import type { DureRequest } from './access.decorators.js';
import { jwtKey } from './jwt-key.js';

/** What an access token says: the user, the session it was issued in, and its lifetime (seconds). */
export interface AccessTokenClaims {
  sub: string;
  sid: string;
  iat: number;
  exp: number;
}

/** A valid access token's session: who, which session, and when the token expires. */
export interface SignedInSession {
  user: AuthUser;
  sessionId: string;
  expiresAt: Date;
}

/** docs/RULES.md §31: the live-update topic on which an ended session (signed out, revoked) is announced, keyed by its id. */
export const SESSION_ENDED_TOPIC = 'session_ended';

/** The signed-in user when the token's session is still open and belongs to its subject, else null. */
export type SessionCheck = (claims: Pick<AccessTokenClaims, 'sub' | 'sid'>) => Promise<AuthUser | null>;

/**
 * Who is calling: the bearer token's signature and `exp`, then its session, checked by the identity
 * library (which owns sessions) through the check it registers. Once per request, kept on `req.user` —
 * the user, or null when no token is sent. An invalid, expired or signed-out token is refused, and asking
 * again checks it again. A failure to check (the database unreachable) is an error, not a sign-out.
 */
@Injectable()
export class Authenticator {
  private sessionCheck?: SessionCheck;
  /**
   * passport with the JWT strategy, one instance per application: the module-level `passport` keeps one
   * strategy per process, and a second application there (tests, the worker) would replace this one's.
   */
  private readonly passport = new passport.Passport();

  constructor(config: DureConfig) {
    this.passport.use(
      'jwt',
      new JwtStrategy(
        // A KeyObject, made once (jwt-key.ts); jsonwebtoken takes it although the types say string | Buffer.
        { jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKey: jwtKey(config.jwtSecret) as unknown as Buffer, algorithms: ['HS256'] },
        (payload: Record<string, unknown>, done: (error: null, claims: AccessTokenClaims | false) => void) => done(null, claimsOf(payload) ?? false),
      ),
    );
  }

  checkSessionsWith(check: SessionCheck): void {
    this.sessionCheck = check;
  }

  async authenticate(req: DureRequest): Promise<AuthUser | null> {
    if (req.user !== undefined) return req.user;
    const session = await this.session(req);
    req.user = session?.user ?? null;
    return req.user;
  }

  /** The session behind the request's bearer token (checked as `authenticate` does); null when no token is sent. */
  async session(req: DureRequest): Promise<SignedInSession | null> {
    if (!req.headers.authorization) return null;
    const claims = await this.verifiedClaims(req);
    if (!this.sessionCheck) throw new Error('No session check is registered (IdentityModule registers it)');
    const user = claims && (await this.sessionCheck(claims));
    if (!claims || !user) throw new UnauthenticatedError('The access token is invalid, has expired or its session has ended');
    return { user, sessionId: claims.sid, expiresAt: new Date(claims.exp * 1000) };
  }

  /** The claims of a bearer token whose signature and `exp` passport-jwt accepted, else null. */
  private verifiedClaims(req: DureRequest): Promise<AccessTokenClaims | null> {
    return new Promise((resolve) => {
      const authenticate = this.passport.authenticate('jwt', { session: false }, (_error: unknown, claims: AccessTokenClaims | false) =>
        resolve(claims || null),
      );
      authenticate(req, {}, () => resolve(null));
    });
  }
}

/** jsonwebtoken takes a token without `exp` for one that never expires; ours always carry one. */
function claimsOf({ sub, sid, iat, exp }: Record<string, unknown>): AccessTokenClaims | null {
  if (typeof exp !== 'number' || typeof iat !== 'number' || typeof sub !== 'string' || typeof sid !== 'string') return null;
  return isUuid(sub) && isUuid(sid) ? { sub, sid, iat, exp } : null;
}
