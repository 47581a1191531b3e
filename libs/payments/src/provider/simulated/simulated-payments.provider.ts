import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import { PaymentMethodKind } from '../../payment-method.js';
import type { AutonomousConnection, ClockService } from '../../../../common/src/index.js';
import {
  PaymentProviderError,
  type CancelRequest,
  type ChargeBillingKeyRequest,
  type ConfirmRequest,
  type IssueBillingKeyRequest,
  type PaymentProvider,
  type ProviderBillingKey,
  type ProviderPayment,
  type ProviderPaymentStatus,
} from '../payment-provider.js';

/** Payment keys a client uses to try the unhappy paths (docs/RULES.md §9). */
export const SIMULATED_DECLINE_PREFIX = 'sim_decline';
/** Payment keys beginning so are bank transfers; every other simulated payment is by card (docs/RULES.md §23). */
export const SIMULATED_TRANSFER_PREFIX = 'sim_transfer';
export const SIMULATED_ERROR_PREFIX = 'sim_error';
/**
 * AuthKeys whose billing method has every charge declined, or with a digit 1–9 after it the first N
 * charges (docs/RULES.md §20), so dunning can be driven from a client.
 */
export const SIMULATED_CHARGE_FAIL_PREFIX = 'sim_chargefail';

const SELECT_CHARGE = 'SELECT * FROM simulated_provider_payment WHERE payment_key = $1';

interface ChargeRow {
  payment_key: string;
  order_id: string;
  status: ProviderPaymentStatus;
  total_amount: string;
  balance_amount: string;
  approved_at: Date;
}

/**
 * A stand-in for a real provider that needs no network. Like a real one it keeps its own books (tables
 * `simulated_provider_*`, written on their own connection as if in another system): a repeated refund
 * request with the same idempotency key gets the first answer, a payment key is charged once, and a refund
 * beyond what remains is refused.
 */
export class SimulatedPaymentsProvider implements PaymentProvider {
  readonly name = 'simulated';

  constructor(
    private readonly db: AutonomousConnection,
    private readonly clock: ClockService,
    /** Added to every call; tests raise it to widen race windows. */
    public latencyMs: number,
  ) {}

  /**
   * A capture is its own replay: the same payment key for the same order and amount answers the charge
   * made first, so unlike a refund it needs no stored answer per idempotency key, and the common case is
   * one committed INSERT.
   */
  async confirm({ paymentKey, orderId, amount }: ConfirmRequest): Promise<ProviderPayment> {
    await this.arrive(paymentKey);
    // Both the payment key and the order id are unique: a second capture of either is refused.
    const [created] = await this.db.query<ChargeRow>(
      `INSERT INTO simulated_provider_payment (payment_key, order_id, status, total_amount, balance_amount, approved_at)
       VALUES ($1, $2, 'DONE', $3, $3, $4) ON CONFLICT DO NOTHING RETURNING *`,
      [paymentKey, orderId, amount, this.clock.now()],
    );
    if (created) return toPayment(created);
    const existing = await this.charge(paymentKey);
    if (existing?.order_id === orderId && Number(existing.total_amount) === amount) return toPayment(existing);
    if (existing) throw new PaymentProviderError('INVALID_REQUEST', 'ALREADY_PROCESSED_PAYMENT', 'This payment key was already used for another order');
    throw new PaymentProviderError('INVALID_REQUEST', 'DUPLICATED_ORDER_ID', 'This order was already paid with another payment key');
  }

  async cancel({ paymentKey, amount, idempotencyKey }: CancelRequest): Promise<ProviderPayment> {
    await this.arrive(paymentKey);
    return this.once(idempotencyKey, async (client) => {
      const [existing] = await this.rows(client, `${SELECT_CHARGE} FOR UPDATE`, [paymentKey]);
      if (!existing) throw new PaymentProviderError('NOT_FOUND', 'NOT_FOUND_PAYMENT', 'No such payment');
      const balance = Number(existing.balance_amount);
      if (amount <= 0 || amount > balance) {
        throw new PaymentProviderError('INVALID_REQUEST', 'NOT_CANCELABLE_AMOUNT', `Only ${balance} won can still be cancelled`);
      }
      const [updated] = await this.rows(
        client,
        `UPDATE simulated_provider_payment SET balance_amount = balance_amount - $2,
           status = CASE WHEN balance_amount - $2 = 0 THEN 'CANCELED' ELSE 'PARTIAL_CANCELED' END
         WHERE payment_key = $1 RETURNING *`,
        [paymentKey, amount],
      );
      return toPayment(updated);
    });
  }

  async get(paymentKey: string): Promise<ProviderPayment> {
    await this.arrive(paymentKey);
    const row = await this.charge(paymentKey);
    if (!row) throw new PaymentProviderError('NOT_FOUND', 'NOT_FOUND_PAYMENT', 'No such payment');
    return toPayment(row);
  }

  async getByOrderId(orderId: string): Promise<ProviderPayment> {
    await this.arrive(orderId);
    const [row] = await this.db.query<ChargeRow>('SELECT * FROM simulated_provider_payment WHERE order_id = $1', [orderId]);
    if (!row) throw new PaymentProviderError('NOT_FOUND', 'NOT_FOUND_PAYMENT', 'No payment for this order');
    return toPayment(row);
  }

  async issueBillingKey({ authKey, customerKey }: IssueBillingKeyRequest): Promise<ProviderBillingKey> {
    await this.arrive(authKey);
    return { billingKey: billingKeyFor(customerKey, authKey), customerKey, cardSummary: '4330-12**-****-123*' };
  }

  /**
   * Billing keys are derived from the customer key and carry their scripted declines, so any key issued
   * here is recognised without storage; declined orders are kept, so asking again for one answers the same.
   */
  async chargeBillingKey({ billingKey, customerKey, orderId, amount, idempotencyKey }: ChargeBillingKeyRequest): Promise<ProviderPayment> {
    await this.arrive(orderId);
    const [, owner, declines] = /^sim_bk_([0-9a-f]{8})_(all|[0-9])_/.exec(billingKey) ?? [];
    if (owner !== digest(customerKey).slice(0, 8)) throw new PaymentProviderError('NOT_FOUND', 'NOT_FOUND_BILLING', 'No such billing key for this customer');
    if (await this.declines(billingKey, orderId, declines === 'all' ? Infinity : Number(declines))) {
      throw new PaymentProviderError('DECLINED', 'REJECT_CARD_PAYMENT', 'The card was declined (simulated)');
    }
    return this.confirm({ paymentKey: `sim_pk_${digest(`${billingKey}:${orderId}`)}`, orderId, amount, idempotencyKey });
  }

  /** Whether this order is among the first `declines` orders charged to the key (counted under a lock on the key). */
  private declines(billingKey: string, orderId: string, declines: number): Promise<boolean> {
    if (declines === 0) return Promise.resolve(false);
    return this.db.transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [billingKey]);
      const { rows } = await client.query<{ order_id: string }>('SELECT order_id FROM simulated_provider_billing_decline WHERE billing_key = $1', [billingKey]);
      if (rows.some((row) => row.order_id === orderId)) return true;
      if (rows.length >= declines || (await this.charged(client, orderId))) return false;
      await client.query('INSERT INTO simulated_provider_billing_decline (billing_key, order_id) VALUES ($1, $2)', [billingKey, orderId]);
      return true;
    });
  }

  private async charged(client: pg.PoolClient, orderId: string): Promise<boolean> {
    return (await client.query('SELECT 1 FROM simulated_provider_payment WHERE order_id = $1', [orderId])).rowCount! > 0;
  }

  /** Latency first, then the scripted failures, as a real provider would answer them. */
  private async arrive(key: string): Promise<void> {
    if (this.latencyMs > 0) await sleep(this.latencyMs);
    if (key.startsWith(SIMULATED_DECLINE_PREFIX)) {
      throw new PaymentProviderError('DECLINED', 'REJECT_CARD_PAYMENT', 'The card was declined (simulated)');
    }
    if (key.startsWith(SIMULATED_ERROR_PREFIX)) {
      throw new PaymentProviderError('UNAVAILABLE', 'PROVIDER_ERROR', 'The payment provider is unavailable (simulated)');
    }
  }

  /**
   * Runs `act` once per idempotency key and stores its answer; a repeat waits for the first to commit
   * (the primary key) and returns the same answer. Failures are not stored, so they may be retried.
   */
  private once(idempotencyKey: string, act: (client: pg.PoolClient) => Promise<ProviderPayment>): Promise<ProviderPayment> {
    return this.db.transaction(async (client) => {
      const inserted = await client.query(`INSERT INTO simulated_provider_request (idempotency_key, created_at) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
        idempotencyKey,
        this.clock.now(),
      ]);
      if (inserted.rowCount === 0) {
        const [{ response }] = await this.rows<{ response: SerializedPayment }>(
          client,
          `SELECT response FROM simulated_provider_request WHERE idempotency_key = $1`,
          [idempotencyKey],
        );
        return { ...response, approvedAt: response.approvedAt ? new Date(response.approvedAt) : null };
      }
      const result = await act(client);
      await client.query(`UPDATE simulated_provider_request SET response = $2 WHERE idempotency_key = $1`, [idempotencyKey, JSON.stringify(result)]);
      return result;
    });
  }

  private async charge(paymentKey: string): Promise<ChargeRow | undefined> {
    const [row] = await this.db.query<ChargeRow>(SELECT_CHARGE, [paymentKey]);
    return row;
  }

  private async rows<R extends pg.QueryResultRow = ChargeRow>(client: pg.PoolClient, sql: string, params: unknown[]): Promise<R[]> {
    return (await client.query<R>(sql, params)).rows;
  }
}

type SerializedPayment = Omit<ProviderPayment, 'approvedAt'> & { approvedAt: string | null };

function toPayment(row: ChargeRow): ProviderPayment {
  return {
    paymentKey: row.payment_key,
    orderId: row.order_id,
    status: row.status,
    totalAmount: Number(row.total_amount),
    balanceAmount: Number(row.balance_amount),
    approvedAt: row.approved_at,
    method: row.payment_key.startsWith(SIMULATED_TRANSFER_PREFIX) ? PaymentMethodKind.TRANSFER : PaymentMethodKind.CARD,
  };
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 24);
}

/** `sim_bk_<customer>_<declines>_<authKey digest>`: declines `0`, a digit 1–9, or `all`. */
function billingKeyFor(customerKey: string, authKey: string): string {
  const scripted = authKey.startsWith(SIMULATED_CHARGE_FAIL_PREFIX) ? (/^[1-9]/.exec(authKey.slice(SIMULATED_CHARGE_FAIL_PREFIX.length))?.[0] ?? 'all') : '0';
  return `sim_bk_${digest(customerKey).slice(0, 8)}_${scripted}_${digest(authKey).slice(0, 16)}`;
}
