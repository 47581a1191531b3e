import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import {
  type AccessTokenClaims,
  ClockService,
  DureConfig,
  LiveUpdates,
  RequestContext,
  SESSION_ENDED_TOPIC,
  TransactionalConnection,
  UnauthenticatedError,
} from '../../common/src/index.js';
import type { AuthPayload, LogInInput, SignUpInput } from './dto/auth.inputs.js';
import { LoginThrottleService } from './login-throttle.service.js';
import { hashForUnknownUser, verifyPassword } from './password-hasher.js';
import { RefreshToken } from './refresh-token.entity.js';
import { UserSession } from './user-session.entity.js';
import type { User } from './user.entity.js';
import { UserService } from './user.service.js';

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

@Injectable()
export class AuthService {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
    private readonly config: DureConfig,
    private readonly jwt: JwtService,
    private readonly users: UserService,
    private readonly throttle: LoginThrottleService,
    private readonly live: LiveUpdates,
  ) {}

  async signUp(ctx: RequestContext, input: SignUpInput): Promise<AuthPayload> {
    const user = await this.users.create(ctx, input);
    return this.startSession(ctx, user);
  }

  /**
   * Wrong password and unknown email fail alike and take similar time. The attempt is counted (and
   * committed) before the password is verified, so however many arrive at once no more than the limit
   * are verified; a right password takes its attempt back.
   */
  async logIn(ctx: RequestContext, input: LogInInput): Promise<AuthPayload> {
    const attempt = await this.throttle.admitAttempt(ctx, input.email);
    const user = await this.users.findByEmail(ctx, input.email);
    const valid = await verifyPassword(input.password, user?.passwordHash ?? (await hashForUnknownUser()));
    if (!user || !valid) throw new UnauthenticatedError('The email or password is incorrect');
    return this.connection.withTransaction(ctx, async () => {
      await this.throttle.forgetAttempt(ctx, attempt);
      return this.startSession(ctx, user);
    });
  }

  /**
   * Rotates the refresh token. The same token presented again within the reuse grace (tabs refreshing at
   * once) answers the same new pair. Presented later, it is being replayed: the session is revoked (and
   * stays revoked although this call fails), signing out whoever holds its newest token.
   */
  async refresh(ctx: RequestContext, refreshToken: string): Promise<AuthPayload> {
    const outcome = await this.connection.withTransaction(ctx, async () => {
      const repo = this.connection.getRepository(ctx, RefreshToken);
      // The row lock queues concurrent refreshes of one token behind the one that rotates it.
      const token = await repo.findOne({ where: { tokenHash: hashToken(refreshToken) }, lock: { mode: 'pessimistic_write' } });
      const now = this.clock.wallClock();
      if (!token || token.expiresAt <= now) return null;
      const session = await this.connection.getRepository(ctx, UserSession).findOneByOrFail({ id: token.sessionId });
      if (session.revokedAt) return null;
      const user = await this.users.getById(ctx, token.userId);
      const successor = this.successorOf(refreshToken);
      if (!token.rotatedAt) {
        token.rotatedAt = now;
        await repo.save(token);
        return this.issueRefreshToken(ctx, user, session.id, successor, now);
      }
      if (now.getTime() - token.rotatedAt.getTime() < this.config.refreshTokenReuseGraceSeconds * 1000) {
        const issued = await repo.findOneBy({ tokenHash: hashToken(successor) });
        if (issued) return this.signedIn(ctx, user, session.id, successor, issued.createdAt);
      }
      await this.revokeSession(ctx, session.id);
      return null;
    });
    if (!outcome) throw new UnauthenticatedError('The refresh token is invalid, expired or revoked');
    return outcome;
  }

  /** Ends the session the token belongs to, with its access tokens; unknown tokens are ignored (log-out is idempotent). */
  async logOut(ctx: RequestContext, refreshToken: string): Promise<boolean> {
    const token = await this.connection.getRepository(ctx, RefreshToken).findOneBy({ tokenHash: hashToken(refreshToken) });
    if (token) await this.revokeSession(ctx, token.sessionId);
    return true;
  }

  /** Ends the session; once that commits, every process closes the session's live connections (docs/RULES.md §31). */
  private async revokeSession(ctx: RequestContext, sessionId: string): Promise<void> {
    const { affected } = await this.connection
      .manager(ctx)
      .createQueryBuilder()
      .update(UserSession)
      .set({ revokedAt: this.clock.wallClock() })
      .where('id = :sessionId AND revoked_at IS NULL', { sessionId })
      .execute();
    if (affected) this.live.publish(ctx, SESSION_ENDED_TOPIC, sessionId, sessionId);
  }

  /**
   * The refresh token that rotating `refreshToken` issues: derived with the server's secret rather than
   * drawn at random, so a repeat within the grace can answer the same one although only hashes are stored.
   */
  private successorOf(refreshToken: string): string {
    return createHmac('sha256', this.config.jwtSecret).update(`refresh-token-successor:${refreshToken}`).digest('base64url');
  }

  private async startSession(ctx: RequestContext, user: User): Promise<AuthPayload> {
    const now = this.clock.wallClock();
    const sessionId = randomUUID();
    await this.connection.getRepository(ctx, UserSession).insert({ id: sessionId, userId: user.id, createdAt: now, revokedAt: null });
    return this.issueRefreshToken(ctx, user, sessionId, randomBytes(32).toString('base64url'), now);
  }

  private async issueRefreshToken(ctx: RequestContext, user: User, sessionId: string, refreshToken: string, now: Date): Promise<AuthPayload> {
    await this.connection.getRepository(ctx, RefreshToken).insert({
      userId: user.id,
      sessionId,
      tokenHash: hashToken(refreshToken),
      expiresAt: new Date(now.getTime() + this.config.refreshTokenTtlDays * 86_400_000),
      createdAt: now,
    });
    return this.signedIn(ctx, user, sessionId, refreshToken, now);
  }

  /** The pair for a refresh token issued at `issuedAt`; the access token is the same whenever it is signed again. */
  private async signedIn(ctx: RequestContext, user: User, sessionId: string, refreshToken: string, issuedAt: Date): Promise<AuthPayload> {
    const iat = Math.floor(issuedAt.getTime() / 1000);
    const claims: AccessTokenClaims = { sub: user.id, sid: sessionId, iat, exp: iat + this.config.accessTokenTtlSeconds };
    const accessToken = await this.jwt.signAsync(claims);
    ctx.signedInAs({ id: user.id, isOperator: user.isOperator });
    return { accessToken, refreshToken, accessTokenExpiresAt: new Date(claims.exp * 1000), user };
  }
}
