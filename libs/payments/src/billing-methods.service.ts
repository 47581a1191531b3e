import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { IsNull } from 'typeorm';
import {
  BadUserInputError,
  ClockService,
  InvalidStateError,
  isUuid,
  NotFoundError,
  PaymentFailedError,
  RequestContext,
  TransactionalConnection,
} from '../../common/src/index.js';
import { BillingKeyCipher } from './billing-key-cipher.js';
import { BillingAuthRequest, BillingCustomer, BillingMethod } from './billing-method.entity.js';
import { providerFailureMessage } from './payment.service.js';
import { PAYMENT_PROVIDER, PaymentProviderError, type PaymentProvider, type ProviderBillingKey } from './provider/payment-provider.js';

/** Toss accepts authKeys and customer keys of at most 300 characters. */
const MAX_AUTH_KEY_LENGTH = 300;

/**
 * Refuses (by throwing, e.g. INVALID_STATE) to let a billing method go; registered by a higher library
 * that charges methods (subscriptions: while a live subscription uses it). Runs with the method locked.
 */
export type BillingMethodRemovalGuard = (ctx: RequestContext, method: BillingMethod) => Promise<void>;

/**
 * Cards registered for automatic payments (docs/RULES.md §20): a random customer key per user, billing
 * keys issued by the provider from the client's authKey and kept sealed. Nothing here ever returns,
 * logs or puts into an error message a billing key.
 */
@Injectable()
export class BillingMethodService {
  private readonly logger = new Logger(BillingMethodService.name);
  private readonly removalGuards: BillingMethodRemovalGuard[] = [];

  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
    private readonly cipher: BillingKeyCipher,
    @Inject(PAYMENT_PROVIDER) private readonly provider: PaymentProvider,
  ) {}

  registerRemovalGuard(guard: BillingMethodRemovalGuard): void {
    this.removalGuards.push(guard);
  }

  /** The caller's customer key, created on first use and the same ever after. */
  async authRequest(ctx: RequestContext): Promise<BillingAuthRequest> {
    const { customerKey } = await this.customerOf(ctx, ctx.requireUser().id);
    return { customerKey };
  }

  /**
   * Issues a billing key from the authKey the provider gave the client; the same authKey again answers
   * the method it registered. A refusal or an unreachable provider → PAYMENT_FAILED (retry-safe: the
   * issue is idempotent per authKey).
   */
  register(ctx: RequestContext, authKey: string): Promise<BillingMethod> {
    if (!authKey.trim() || authKey.length > MAX_AUTH_KEY_LENGTH) throw BadUserInputError.field('authKey', `must be 1 to ${MAX_AUTH_KEY_LENGTH} characters`);
    const userId = ctx.requireUser().id;
    return this.connection.withTransaction(ctx, async () => {
      const customer = await this.customerOf(ctx, userId);
      // One registration per user at a time, so the same authKey twice makes one method.
      await this.connection
        .getRepository(ctx, BillingCustomer)
        .createQueryBuilder('customer')
        .setLock('pessimistic_write')
        .where('customer.userId = :userId', { userId })
        .getOne();
      const authKeyDigest = createHash('sha256').update(authKey).digest('hex');
      const repo = this.connection.getRepository(ctx, BillingMethod);
      const existing = await repo.findOneBy({ userId, authKeyDigest, removedAt: IsNull() });
      if (existing) return existing;
      const issued = await this.issue(authKey, customer.customerKey);
      if (issued.customerKey !== customer.customerKey) throw new Error('The provider issued a billing key for another customer key');
      const id = randomUUID();
      const method = repo.create({
        id,
        userId,
        provider: this.provider.name,
        customerKey: customer.customerKey,
        authKeyDigest,
        sealedBillingKey: this.cipher.seal(issued.billingKey, id),
        cardSummary: issued.cardSummary,
        usable: true,
        createdAt: this.clock.now(),
        removedAt: null,
      });
      await repo.insert(method);
      return method;
    });
  }

  /** The caller's own method, unless a registered guard refuses; its sealed key is erased with it. */
  remove(ctx: RequestContext, billingMethodId: string): Promise<boolean> {
    const userId = ctx.requireUser().id;
    return this.connection.withTransaction(ctx, async () => {
      const method = await this.connection.lock(ctx, BillingMethod, billingMethodId, 'Billing method');
      if (method.userId !== userId || method.removedAt) throw new NotFoundError('Billing method', billingMethodId);
      for (const guard of this.removalGuards) await guard(ctx, method);
      await this.connection.updateLocked(ctx, BillingMethod, method, (row) => Object.assign(row, { removedAt: this.clock.now(), sealedBillingKey: null }));
      return true;
    });
  }

  /** The caller's methods, newest first. */
  mine(ctx: RequestContext): Promise<BillingMethod[]> {
    const userId = ctx.requireUser().id;
    return this.connection.getRepository(ctx, BillingMethod).find({ where: { userId, removedAt: IsNull() }, order: { createdAt: 'DESC', id: 'ASC' } });
  }

  /**
   * For a purchase that will charge the method (subscribe, a change of method): the user's own method,
   * held FOR SHARE until the transaction ends so a removal waits for it and then sees what it made.
   * Another's or a removed one → NOT_FOUND; one the provider no longer knows → INVALID_STATE.
   */
  async lockUsable(ctx: RequestContext, billingMethodId: string, userId: string): Promise<BillingMethod> {
    const method = isUuid(billingMethodId)
      ? await this.connection
          .getRepository(ctx, BillingMethod)
          .createQueryBuilder('method')
          .setLock('pessimistic_read')
          .where('method.id = :id', { id: billingMethodId })
          .getOne()
      : null;
    if (!method || method.userId !== userId || method.removedAt) throw new NotFoundError('Billing method', billingMethodId);
    if (!method.usable) throw new InvalidStateError('The payment provider no longer accepts this card; register it again');
    return method;
  }

  /** Batched per request (DataLoader), removed ones included (a subscription still names its method). */
  load(ctx: RequestContext, id: string): Promise<BillingMethod | null> {
    return this.connection.loadOne(ctx, BillingMethod, 'id', id, (method) => method.id);
  }

  /** docs/RULES.md §25: its owner and operators (who never see more than the card summary: the key is nobody's to read). */
  readableBy(ctx: RequestContext, method: BillingMethod): boolean {
    return ctx.isOperator || ctx.user?.id === method.userId;
  }

  private async customerOf(ctx: RequestContext, userId: string): Promise<BillingCustomer> {
    const repo = this.connection.getRepository(ctx, BillingCustomer);
    await repo.createQueryBuilder().insert().values({ userId, customerKey: newCustomerKey(), createdAt: this.clock.now() }).orIgnore().execute();
    return repo.findOneByOrFail({ userId });
  }

  private async issue(authKey: string, customerKey: string): Promise<ProviderBillingKey> {
    try {
      return await this.provider.issueBillingKey({ authKey, customerKey });
    } catch (error) {
      if (!(error instanceof PaymentProviderError)) throw error;
      this.logger.warn({ kind: error.kind, code: error.providerCode }, 'billing key issue failed');
      throw new PaymentFailedError(providerFailureMessage(error));
    }
  }
}

/** `cus_` and 32 URL-safe random characters: unguessable, within Toss's customerKey alphabet and length. */
function newCustomerKey(): string {
  return `cus_${randomBytes(24).toString('base64url')}`;
}
