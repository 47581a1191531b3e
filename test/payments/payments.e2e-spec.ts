import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ClockService, JobQueueService, RequestContext } from '../../libs/common/src/index.js';
import { AccountKind, JournalEntryKind, LedgerService } from '../../libs/ledger/src/index.js';
import {
  AttemptOutcome,
  MeteredPaymentProvider,
  PaymentMethodKind,
  PaymentService,
  PaymentStatus,
  SimulatedPaymentsProvider,
  PAYMENT_PROVIDER,
  type Payment,
} from '../../libs/payments/src/index.js';
import { failureCodeOf, orderPurpose } from '../support/order-purpose.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

class CrashBeforeCommit extends Error {}

const PAYABLE_KINDS: readonly AccountKind[] = [AccountKind.PARTNER_AGENCY_PAYABLE, AccountKind.PLATFORM_REVENUE_FEES, AccountKind.REFUNDS];

describe('payments', () => {
  let t: TestApp;
  let payments: PaymentService;
  let ledger: LedgerService;
  let dataSource: DataSource;
  let simulated: SimulatedPaymentsProvider;
  let order: ReturnType<typeof orderPurpose>;

  beforeAll(async () => {
    t = await createTestApp({ DURE_TEST_CLOCK: '1' });
    payments = t.app.get(PaymentService);
    ledger = t.app.get(LedgerService);
    dataSource = t.app.get(DataSource);
    simulated = t.app.get<MeteredPaymentProvider>(PAYMENT_PROVIDER).inner as SimulatedPaymentsProvider;
    order = orderPurpose(t);
  });
  afterAll(() => t.close());
  afterEach(() => {
    simulated.latencyMs = 0;
  });

  const newPayment = (amount?: number, referenceId?: string) => order.newPayment(amount, referenceId);
  const confirm = (payment: Payment, paymentKey: string) => order.confirm(payment, paymentKey);
  const refund = (payment: Payment, amount: number, refundKey?: string) => order.refund(payment, amount, refundKey);
  const reload = (payment: Payment) => order.reload(payment);
  const inTransaction = <T>(work: (ctx: RequestContext) => Promise<T>) => order.inTransaction(work);
  const entries = (payment: Payment) => ledger.entriesFor(RequestContext.system(), { type: 'payment', id: payment.id });
  const attempts = (payment: Payment) =>
    dataSource.query<Array<{ operation: string; outcome: string }>>(
      `SELECT operation, outcome FROM payment_attempt WHERE payment_id = $1 ORDER BY started_at`,
      [payment.id],
    );
  const providerCharges = async (payment: Payment) =>
    dataSource.query<Array<{ total_amount: string; balance_amount: string }>>(`SELECT * FROM simulated_provider_payment WHERE order_id = $1`, [
      payment.orderId,
    ]);
  const failureOf = failureCodeOf;
  /** Commits nothing, like a process that dies after the provider answered and before its transaction committed. */
  const crashAfter = (work: (ctx: RequestContext) => Promise<unknown>) =>
    expect(
      inTransaction(async (ctx) => {
        await work(ctx);
        throw new CrashBeforeCommit();
      }),
    ).rejects.toBeInstanceOf(CrashBeforeCommit);
  const runJobsFor = async (minutes: number) => {
    const clock = t.app.get(ClockService);
    await t.app.get(JobQueueService).runUntil(new Date(clock.now().getTime() + minutes * 60_000), (at) => clock.moveTo(at));
  };

  it('creates a payment with its own URL-safe order id and exposes what the client needs to pay', async () => {
    const payment = await newPayment(25_000);
    expect(payment.orderId).toMatch(/^[A-Za-z0-9_-]{6,64}$/);
    expect(payment).toMatchObject({ status: PaymentStatus.READY, amount: 25_000, refundedAmount: 0, provider: 'simulated' });
    expect(payments.paymentRequestOf(payment)).toEqual({ orderId: payment.orderId, orderName: '돌봄 서비스 2시간', amount: 25_000 });
  });

  it('20 concurrent confirms of one payment: one provider charge, one PAID payment, one ledger entry', async () => {
    const payment = await newPayment(30_000);
    simulated.latencyMs = 50;
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => confirm(payment, 'pk_concurrent_1')));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(20);
    expect(await reload(payment)).toMatchObject({ status: PaymentStatus.PAID, paymentKey: 'pk_concurrent_1' });
    expect(await providerCharges(payment)).toHaveLength(1);
    expect(await attempts(payment)).toEqual([{ operation: 'CONFIRM', outcome: 'SUCCEEDED' }]);
    expect(await entries(payment)).toHaveLength(1);
    expect(order.paid.filter((id) => id === payment.id)).toHaveLength(1);
    expect(await ledger.balance(RequestContext.system(), order.agencyPayable)).toBe(30_000 - order.feeOf(30_000));
  });

  it('concurrent confirms with different payment keys: one wins, the others are refused, one charge', async () => {
    const payment = await newPayment(12_000);
    const results = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => confirm(payment, `pk_race_${i}`)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused.map((r) => (r.reason as { code: string }).code)).toEqual(Array(7).fill('INVALID_STATE'));
    expect(await providerCharges(payment)).toHaveLength(1);
    expect(await entries(payment)).toHaveLength(1);
  });

  it('sends the stored amount, never another', async () => {
    const payment = await newPayment(9_900);
    await confirm(payment, 'pk_amount');
    expect((await providerCharges(payment))[0].total_amount).toBe('9900');
  });

  it('records how it was paid: simulated keys beginning sim_transfer are TRANSFER, others CARD (docs/RULES.md §23)', async () => {
    const unpaid = await newPayment();
    expect((await reload(unpaid)).method).toBeNull();
    const byTransfer = await newPayment();
    await confirm(byTransfer, 'sim_transfer_1');
    expect((await reload(byTransfer)).method).toBe(PaymentMethodKind.TRANSFER);
    const byCard = await newPayment();
    await confirm(byCard, 'pk_card_1');
    expect((await reload(byCard)).method).toBe(PaymentMethodKind.CARD);
  });

  it('a decline is PAYMENT_FAILED, logged, charges nothing and leaves the payment payable', async () => {
    const payment = await newPayment();
    expect(await failureOf(confirm(payment, 'sim_decline_card'))).toBe('PAYMENT_FAILED');
    expect(await reload(payment)).toMatchObject({ status: PaymentStatus.READY, paymentKey: null });
    expect(await attempts(payment)).toEqual([{ operation: 'CONFIRM', outcome: AttemptOutcome.DECLINED }]);
    expect(await providerCharges(payment)).toHaveLength(0);
    expect(await entries(payment)).toHaveLength(0);
    expect((await confirm(payment, 'pk_after_decline')).status).toBe(PaymentStatus.PAID);
  });

  it('an unavailable provider is PAYMENT_FAILED and safe to retry with the same key', async () => {
    const payment = await newPayment();
    expect(await failureOf(confirm(payment, 'sim_error_down'))).toBe('PAYMENT_FAILED');
    expect(await attempts(payment)).toEqual([{ operation: 'CONFIRM', outcome: AttemptOutcome.UNAVAILABLE }]);
    expect(await reload(payment)).toMatchObject({ status: PaymentStatus.READY });
    await confirm(payment, 'pk_after_outage');
    await confirm(payment, 'pk_after_outage');
    expect(await providerCharges(payment)).toHaveLength(1);
  });

  it('a paid payment refuses another payment key and an abandoned one refuses any', async () => {
    const paid = await newPayment();
    await confirm(paid, 'pk_first');
    expect(await failureOf(confirm(paid, 'pk_second'))).toBe('INVALID_STATE');
    const lapsed = await newPayment();
    await inTransaction((ctx) => payments.abandon(ctx, lapsed.id));
    expect(await failureOf(confirm(lapsed, 'pk_too_late'))).toBe('INVALID_STATE');
    expect(await providerCharges(lapsed)).toHaveLength(0);
  });

  it('refunds never go beyond what remains; status and refundedAmount follow; a refund key refunds once', async () => {
    const payment = await newPayment(10_000);
    expect(await failureOf(refund(payment, 1_000))).toBe('INVALID_STATE');
    await confirm(payment, 'pk_refunds');
    expect(await refund(payment, 3_000, 'cancel-1')).toMatchObject({ status: PaymentStatus.PARTIALLY_REFUNDED, refundedAmount: 3_000 });
    expect(await refund(payment, 3_000, 'cancel-1')).toMatchObject({ refundedAmount: 3_000 });
    expect(await failureOf(refund(payment, 7_001))).toBe('BAD_USER_INPUT');
    expect(await failureOf(refund(payment, 0))).toBe('BAD_USER_INPUT');
    expect(await refund(payment, 7_000)).toMatchObject({ status: PaymentStatus.REFUNDED, refundedAmount: 10_000 });
    expect(await failureOf(refund(payment, 1))).toBe('INVALID_STATE');
    expect((await providerCharges(payment))[0].balance_amount).toBe('0');
    const kinds = (await entries(payment)).map((entry) => entry.kind);
    expect(kinds.filter((kind) => kind === JournalEntryKind.REFUND)).toHaveLength(2);
    expect(kinds.filter((kind) => kind === JournalEntryKind.REFUND_SETTLED)).toHaveLength(2);
  });

  it('a crash between the provider charge and our commit is settled by the reconciliation job', async () => {
    const payment = await newPayment(15_000);
    await crashAfter((ctx) => payments.confirm(ctx, { paymentId: payment.id, paymentKey: 'pk_crash' }));
    expect(await reload(payment)).toMatchObject({ status: PaymentStatus.READY });
    expect(await attempts(payment)).toEqual([{ operation: 'CONFIRM', outcome: AttemptOutcome.PENDING }]);
    expect(await providerCharges(payment)).toHaveLength(1);

    await runJobsFor(1);
    expect((await reload(payment)).status).toBe(PaymentStatus.READY);
    await runJobsFor(10);
    expect(await reload(payment)).toMatchObject({ status: PaymentStatus.PAID, paymentKey: 'pk_crash', method: PaymentMethodKind.CARD });
    expect(await attempts(payment)).toEqual([{ operation: 'CONFIRM', outcome: AttemptOutcome.SUCCEEDED }]);
    expect(await entries(payment)).toHaveLength(1);
    // The client's retry after the crash finds it paid and charges nothing more.
    await confirm(payment, 'pk_crash');
    expect(await providerCharges(payment)).toHaveLength(1);
  });

  it('a crashed refund is recorded under its refund key, and retrying it refunds nothing more', async () => {
    const payment = await newPayment(20_000);
    await confirm(payment, 'pk_refund_crash');
    await crashAfter((ctx) => payments.refund(ctx, { paymentId: payment.id, amount: 5_000, reason: '부분 취소', refundKey: 'cancel-line-1' }));
    expect((await reload(payment)).refundedAmount).toBe(0);
    expect(await failureOf(refund(payment, 5_000, 'cancel-line-2'))).toBe('PAYMENT_FAILED');

    await runJobsFor(10);
    expect(await reload(payment)).toMatchObject({ status: PaymentStatus.PARTIALLY_REFUNDED, refundedAmount: 5_000 });
    expect(await refund(payment, 5_000, 'cancel-line-1')).toMatchObject({ refundedAmount: 5_000 });
    expect((await providerCharges(payment))[0].balance_amount).toBe('15000');
  });

  it('a capture found after the purpose lapsed is booked as owed to the buyer and refunded in full', async () => {
    const referenceId = randomUUID();
    order.refused.add(referenceId);
    const payment = await newPayment(8_000, referenceId);
    await crashAfter((ctx) => payments.confirm(ctx, { paymentId: payment.id, paymentKey: 'pk_lapsed' }));
    await inTransaction((ctx) => payments.abandon(ctx, payment.id));
    await runJobsFor(10);
    expect(await reload(payment)).toMatchObject({ status: PaymentStatus.REFUNDED, refundedAmount: 8_000 });
    expect((await providerCharges(payment))[0].balance_amount).toBe('0');
    const net = new Map<string, number>();
    for (const entry of await entries(payment)) {
      for (const posting of entry.postings ?? []) net.set(posting.account, (net.get(posting.account) ?? 0) + Number(posting.amount));
    }
    expect(net.get(AccountKind.PROVIDER_CLEARING)).toBe(0);
    expect(net.get(AccountKind.REFUNDS)).toBe(0);
  });

  describe('webhooks', () => {
    const notify = (body: object, provider = 'simulated') => request(t.app.getHttpServer()).post(`/webhooks/payments/${provider}`).send(body);
    const event = (payment: Payment, paymentKey: string) => ({
      eventType: 'PAYMENT_STATUS_CHANGED',
      data: { paymentKey, orderId: payment.orderId, status: 'DONE' },
    });

    it('are verified with the provider and applied once, however often they are replayed', async () => {
      const payment = await newPayment(11_000);
      await crashAfter((ctx) => payments.confirm(ctx, { paymentId: payment.id, paymentKey: 'pk_webhook' }));
      for (let i = 0; i < 3; i++) {
        const res = await notify(event(payment, 'pk_webhook'));
        expect(res.status).toBe(200);
        expect(res.body).toEqual({ received: true });
      }
      await t.app.get(JobQueueService).runDue();
      await notify(event(payment, 'pk_webhook'));
      await t.app.get(JobQueueService).runDue();
      expect(await reload(payment)).toMatchObject({ status: PaymentStatus.PAID });
      expect(await entries(payment)).toHaveLength(1);
    });

    it('record a refund made at the provider', async () => {
      const payment = await newPayment(6_000);
      await confirm(payment, 'pk_provider_refund');
      await simulated.cancel({ paymentKey: 'pk_provider_refund', amount: 2_000, reason: 'dashboard', idempotencyKey: randomUUID() });
      await notify(event(payment, 'pk_provider_refund'));
      await t.app.get(JobQueueService).runDue();
      await notify(event(payment, 'pk_provider_refund'));
      await t.app.get(JobQueueService).runDue();
      expect(await reload(payment)).toMatchObject({ status: PaymentStatus.PARTIALLY_REFUNDED, refundedAmount: 2_000 });
    });

    it('ignore an Authorization header they do not use (a bad bearer was a 500)', async () => {
      const payment = await newPayment();
      const res = await request(t.app.getHttpServer())
        .post('/webhooks/payments/simulated')
        .set('authorization', 'Bearer not-a-token')
        .send(event(payment, 'pk_with_header'));
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ received: false });
      const health = await request(t.app.getHttpServer()).get('/health').set('authorization', 'Bearer not-a-token');
      expect(health.status).toBe(200);
      const graphql = await request(t.app.getHttpServer())
        .post('/graphql')
        .set('authorization', 'Bearer not-a-token')
        .send({ query: '{ membershipTiers { code } }' });
      expect(graphql.body.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    });

    it('believe nothing the provider does not confirm', async () => {
      const payment = await newPayment();
      const forged = await notify(event(payment, 'pk_forged'));
      expect(forged.status).toBe(200);
      expect(forged.body).toEqual({ received: false });
      await t.app.get(JobQueueService).runDue();
      expect(await reload(payment)).toMatchObject({ status: PaymentStatus.READY });
      expect((await notify({ data: { paymentKey: 'x', orderId: 'unknown-order' } })).body).toEqual({ received: false });
      expect((await notify({ nonsense: true })).body).toEqual({ received: false });
      expect((await notify(event(payment, 'pk_forged'), 'toss')).status).toBe(404);
    });
  });

  it('keeps provider, payments and books in agreement through any sequence of confirms and refunds (property)', async () => {
    const action = fc.oneof(
      fc.record({ kind: fc.constant('confirm' as const), key: fc.constantFrom('pk_a', 'pk_b', 'sim_decline_x', 'sim_error_x') }),
      fc.record({ kind: fc.constant('refund' as const), amount: fc.integer({ min: 1, max: 12_000 }), key: fc.constantFrom('r1', 'r2', 'r3', 'r4') }),
    );
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 10_000 }), fc.array(action, { minLength: 1, maxLength: 8 }), async (amount, actions) => {
        const payment = await newPayment(amount);
        const keyed = (key: string) => (key.startsWith('sim_') ? key : `${key}_${payment.id}`);
        for (const step of actions) {
          const work = step.kind === 'confirm' ? confirm(payment, keyed(step.key)) : refund(payment, step.amount, step.key);
          const code = await failureOf(work);
          expect([undefined, 'PAYMENT_FAILED', 'INVALID_STATE', 'BAD_USER_INPUT']).toContain(code);
        }
        const stored = await reload(payment);
        const [charge] = await providerCharges(payment);
        expect(stored.refundedAmount).toBeLessThanOrEqual(stored.amount);
        expect(Number(charge?.balance_amount ?? 0)).toBe(stored.paymentKey ? stored.amount - stored.refundedAmount : 0);
        const books = await ledger.trialBalance(RequestContext.system());
        expect(books.total).toBe(0);
        const payables = books.accounts.filter((line) => PAYABLE_KINDS.includes(line.account.kind));
        expect(payables.length).toBeGreaterThan(0);
        for (const payable of payables) expect(payable.balance).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 25 },
    );
  });
});
