import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AutonomousConnection, ClockService, RequestContext, TransactionalConnection, type CompanionWrite } from '../../common/src/index.js';
import { AttemptOperation, AttemptOutcome, PaymentAttempt, UNSETTLED_OUTCOMES } from './payment-attempt.entity.js';
import { PaymentProviderError } from './provider/payment-provider.js';

export interface AttemptStart {
  paymentId: string;
  operation: AttemptOperation;
  paymentKey: string | null;
  idempotencyKey: string;
  amount: number;
  refundKey?: string;
  refundReason?: string;
}

/**
 * The log of provider calls. The start and any failure are committed on their own connection — they
 * must outlive the request's transaction, which rolls back on failure or may never commit (a crash);
 * a success is written in the request's transaction, together with what it caused.
 */
@Injectable()
export class PaymentAttemptLog {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly autonomous: AutonomousConnection,
    private readonly clock: ClockService,
  ) {}

  async begin(start: AttemptStart): Promise<string> {
    const id = randomUUID();
    await this.autonomous.query(
      `INSERT INTO payment_attempt (id, payment_id, operation, refund_key, refund_reason, payment_key, idempotency_key, amount, outcome, started_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        id,
        start.paymentId,
        start.operation,
        start.refundKey ?? null,
        start.refundReason ?? null,
        start.paymentKey,
        start.idempotencyKey,
        start.amount,
        AttemptOutcome.PENDING,
        this.clock.now(),
      ],
    );
    return id;
  }

  /** Records why the provider call did not succeed; anything but a provider's answer counts as UNKNOWN. */
  async fail(attemptId: string, error: unknown): Promise<void> {
    const outcome = error instanceof PaymentProviderError ? AttemptOutcome[error.kind] : AttemptOutcome.UNKNOWN;
    const code = error instanceof PaymentProviderError ? error.providerCode : null;
    const message = error instanceof Error ? error.message.slice(0, 500) : String(error);
    await this.autonomous.query(`UPDATE payment_attempt SET outcome = $2, provider_code = $3, message = $4, finished_at = $5 WHERE id = $1`, [
      attemptId,
      outcome,
      code,
      message,
      this.clock.now(),
    ]);
  }

  /** In the caller's transaction: settled exactly when what the attempt did is recorded. */
  async settle(ctx: RequestContext, attemptIds: string[], outcome: AttemptOutcome): Promise<void> {
    if (!attemptIds.length) return;
    const { sql, params } = this.settling(attemptIds, outcome);
    await this.connection.manager(ctx).query(sql, params);
  }

  /** `settle` as a statement to send along with the write that records what the attempts did (a capture's move to PAID). */
  settling(attemptIds: readonly string[], outcome: AttemptOutcome): CompanionWrite {
    return {
      sql: `UPDATE payment_attempt SET outcome = $1, finished_at = $2 WHERE id = ANY($3::uuid[])`,
      params: [outcome, this.clock.now(), [...attemptIds]],
    };
  }

  unsettledOf(ctx: RequestContext, paymentId: string): Promise<PaymentAttempt[]> {
    return this.connection
      .getRepository(ctx, PaymentAttempt)
      .createQueryBuilder('a')
      .where('a.paymentId = :paymentId AND a.outcome IN (:...outcomes)', { paymentId, outcomes: UNSETTLED_OUTCOMES })
      .orderBy('a.startedAt')
      .getMany();
  }

  /** Payments with a provider call whose outcome has been unknown since before `startedBefore`. */
  async paymentsWithUnsettledAttempts(ctx: RequestContext, startedBefore: Date, limit: number): Promise<string[]> {
    const rows = await this.connection
      .getRepository(ctx, PaymentAttempt)
      .createQueryBuilder('a')
      .select('DISTINCT a.paymentId', 'paymentId')
      .where('a.outcome IN (:...outcomes) AND a.startedAt < :startedBefore', { outcomes: UNSETTLED_OUTCOMES, startedBefore })
      .limit(limit)
      .getRawMany<{ paymentId: string }>();
    return rows.map((row) => row.paymentId);
  }

  all(ctx: RequestContext, paymentId: string): Promise<PaymentAttempt[]> {
    return this.connection.getRepository(ctx, PaymentAttempt).find({ where: { paymentId }, order: { startedAt: 'ASC' } });
  }
}
