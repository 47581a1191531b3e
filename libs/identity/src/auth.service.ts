import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  type AccessTokenClaims,
  ClockService,
  DureConfig,
  RequestContext,
  TransactionalConnection,
  UnauthenticatedError,
} from '../../common/src/index.js';
import type { AuthPayload, LogInInput, SignUpInput } from './dto/auth.inputs.js';
import { LoginThrottleService } from './login-throttle.service.js';
import { hashForUnknownUser, verifyPassword } from './password-hasher.js';
import { RefreshToken } from './refresh-token.entity.js';
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
  ) {}

  async signUp(ctx: RequestContext, input: SignUpInput): Promise<AuthPayload> {
    const user = await this.users.create(ctx, input);
    return this.startSession(ctx, user, randomUUID());
  }

  /**
   * Wrong password and unknown email fail alike and take similar time. Failures are recorded outside
   * any transaction so they count although the call fails.
   */
  async logIn(ctx: RequestContext, input: LogInInput): Promise<AuthPayload> {
    const email = input.email.trim();
    await this.throttle.assertAllowed(ctx, email);
    const user = await this.users.findByEmail(ctx, email);
    const valid = await verifyPassword(input.password, user?.passwordHash ?? (await hashForUnknownUser()));
    if (!user || !valid) {
      await this.throttle.recordFailure(ctx, email);
      throw new UnauthenticatedError('The email or password is incorrect');
    }
    return this.connection.withTransaction(ctx, async () => {
      await this.throttle.clearForEmail(ctx, email);
      return this.startSession(ctx, user, randomUUID());
    });
  }

  /**
   * Rotates the refresh token. A token that was already rotated is being replayed: the whole family is
   * revoked (and stays revoked although this call fails), signing out whoever holds its newest token.
   */
  async refresh(ctx: RequestContext, refreshToken: string): Promise<AuthPayload> {
    const outcome = await this.connection.withTransaction(ctx, async () => {
      const repo = this.connection.getRepository(ctx, RefreshToken);
      const token = await repo.findOne({ where: { tokenHash: hashToken(refreshToken) }, lock: { mode: 'pessimistic_write' } });
      const now = this.clock.wallClock();
      if (!token || token.revokedAt || token.expiresAt <= now) return null;
      if (token.rotatedAt) {
        await this.revokeFamily(ctx, token.familyId);
        return null;
      }
      token.rotatedAt = now;
      await repo.save(token);
      return this.startSession(ctx, await this.users.getById(ctx, token.userId), token.familyId);
    });
    if (!outcome) throw new UnauthenticatedError('The refresh token is invalid, expired or revoked');
    return outcome;
  }

  /** Ends the session the token belongs to; unknown tokens are ignored (log-out is idempotent). */
  async logOut(ctx: RequestContext, refreshToken: string): Promise<boolean> {
    const token = await this.connection.getRepository(ctx, RefreshToken).findOneBy({ tokenHash: hashToken(refreshToken) });
    if (token) await this.revokeFamily(ctx, token.familyId);
    return true;
  }

  private async revokeFamily(ctx: RequestContext, familyId: string): Promise<void> {
    await this.connection
      .manager(ctx)
      .createQueryBuilder()
      .update(RefreshToken)
      .set({ revokedAt: this.clock.wallClock() })
      .where('family_id = :familyId AND revoked_at IS NULL', { familyId })
      .execute();
  }

  private async startSession(ctx: RequestContext, user: User, familyId: string): Promise<AuthPayload> {
    const now = this.clock.wallClock();
    const refreshToken = randomBytes(32).toString('base64url');
    await this.connection.getRepository(ctx, RefreshToken).insert({
      userId: user.id,
      familyId,
      tokenHash: hashToken(refreshToken),
      expiresAt: new Date(now.getTime() + this.config.refreshTokenTtlDays * 86_400_000),
      createdAt: now,
    });
    const claims: AccessTokenClaims = { sub: user.id, op: user.isOperator };
    const nowSeconds = Math.floor(now.getTime() / 1000);
    const accessToken = await this.jwt.signAsync({ ...claims, iat: nowSeconds, exp: nowSeconds + this.config.accessTokenTtlSeconds });
    ctx.signedInAs({ id: user.id, isOperator: user.isOperator });
    return {
      accessToken,
      refreshToken,
      accessTokenExpiresAt: new Date((nowSeconds + this.config.accessTokenTtlSeconds) * 1000),
      user,
    };
  }
}
