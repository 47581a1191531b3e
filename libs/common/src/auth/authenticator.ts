import { Injectable } from '@nestjs/common';
import passport from 'passport';
import { ExtractJwt, Strategy as JwtStrategy } from 'passport-jwt';
import { DureConfig } from '../config/dure-config.js';
import type { AuthUser } from '../context/request-context.js';
import { isUuid } from '../database/postgres-errors.js';
import { TransactionalConnection } from '../database/transactional-connection.js';
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

/**
 * The session check, as SQL over the identity library's tables (it owns sessions): one row, `"userId"` and
 * `"isOperator"`, when session `sid` is open and belongs to user `sub`, none otherwise. `sid` and `sub` are
 * the placeholders to use (uuid).
 */
export type SessionCheckSql = (placeholders: { sid: string; sub: string }) => string;

/**
 * A statement sent in one round trip with the request's session check (`Authenticator.authenticateAlong`):
 * `ctes` follow the check's CTE `signed_in` (a row `"userId"`, `"isOperator"` for a signed-in caller, none for
 * anyone else) and may read it; `answer` selects the one row answered. Its parameters are numbered from `$3`.
 */
export interface SessionCompanion {
  ctes: string;
  answer: string;
  params: unknown[];
}

/** `signed_in` for a caller known already, or anonymous: `$1` the user's id (null for none), `$2` whether an operator. */
const KNOWN_CALLER = `SELECT $1::uuid AS "userId", $2::boolean AS "isOperator" WHERE $1::uuid IS NOT NULL`;

/**
 * Who is calling: the bearer token's signature and `exp`, then its session, checked by the identity
 * library (which owns sessions) through the check it registers. Once per request, kept on `req.user` —
 * the user, or null when no token is sent. An invalid, expired or signed-out token is refused, and asking
 * again checks it again. A failure to check (the database unreachable) is an error, not a sign-out.
 */
@Injectable()
export class Authenticator {
  private sessionCheck?: SessionCheckSql;
  /**
   * passport with the JWT strategy, one instance per application: the module-level `passport` keeps one
   * strategy per process, and a second application there (tests, the worker) would replace this one's.
   */
  private readonly passport = new passport.Passport();

  constructor(
    config: DureConfig,
    private readonly connection: TransactionalConnection,
  ) {
    this.passport.use(
      'jwt',
      new JwtStrategy(
        // A KeyObject, made once (jwt-key.ts); jsonwebtoken takes it although the types say string | Buffer.
        { jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKey: jwtKey(config.jwtSecret) as unknown as Buffer, algorithms: ['HS256'] },
        (payload: Record<string, unknown>, done: (error: null, claims: AccessTokenClaims | false) => void) => done(null, claimsOf(payload) ?? false),
      ),
    );
  }

  checkSessionsWith(check: SessionCheckSql): void {
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
    const [row] = claims ? await this.connection.dataSource.query<SessionRow[]>(this.sessionCheckSql(), [claims.sid, claims.sub]) : [];
    if (!claims || !row) throw new UnauthenticatedError('The access token is invalid, has expired or its session has ended');
    return { user: { id: claims.sub, isOperator: row.isOperator }, sessionId: claims.sid, expiresAt: new Date(claims.exp * 1000) };
  }

  /**
   * Checks the request's session as `authenticate` does, and runs `companion` in the same statement (one round
   * trip for both: the mutation rate limit counts every mutation this way). A caller whose token is invalid or
   * whose session has ended is anonymous to `companion`, and `req.user` stays unset for the access guard to refuse.
   */
  async authenticateAlong<T extends object>(req: DureRequest, companion: SessionCompanion): Promise<T> {
    const claims = req.user === undefined && req.headers.authorization ? await this.verifiedClaims(req) : null;
    const [signedIn, params] = claims
      ? [this.sessionCheckSql(), [claims.sid, claims.sub]]
      : [KNOWN_CALLER, [req.user?.id ?? null, req.user?.isOperator ?? null]];
    const [row] = await this.connection.dataSource.query<Array<T & SessionRow & { signedIn: boolean }>>(
      `WITH signed_in AS (${signedIn}), ${companion.ctes}, answer AS (${companion.answer})
       SELECT answer.*, EXISTS (SELECT 1 FROM signed_in) AS "signedIn", (SELECT "isOperator" FROM signed_in) AS "isOperator" FROM answer`,
      [...params, ...companion.params],
    );
    if (claims && row.signedIn) req.user = { id: claims.sub, isOperator: row.isOperator };
    else if (!req.headers.authorization) req.user = null;
    return row;
  }

  private sessionCheckSql(): string {
    if (!this.sessionCheck) throw new Error('No session check is registered (IdentityModule registers it)');
    return this.sessionCheck({ sid: '$1::uuid', sub: '$2::uuid' });
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

interface SessionRow {
  isOperator: boolean;
}

/** jsonwebtoken takes a token without `exp` for one that never expires; ours always carry one. */
function claimsOf({ sub, sid, iat, exp }: Record<string, unknown>): AccessTokenClaims | null {
  if (typeof exp !== 'number' || typeof iat !== 'number' || typeof sub !== 'string' || typeof sid !== 'string') return null;
  return isUuid(sub) && isUuid(sid) ? { sub, sid, iat, exp } : null;
}
