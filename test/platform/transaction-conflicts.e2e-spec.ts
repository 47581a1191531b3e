import pg from 'pg';
import { activePartnerAgency, type Agency } from '../support/catalog.js';
import { PAY, RESERVE, bookableService, seoulAt } from '../support/booking.js';
import { METRICS_TOKEN, scrape } from '../support/metrics.js';
import { OPERATOR_ENV, createTestApp, logInOperator, signUp, type TestApp } from '../support/test-app.js';

/**
 * A mutation whose transaction PostgreSQL ends as a deadlock's victim runs again (docs/RULES.md §11),
 * so the client gets its answer instead of an internal error. The deadlock is made for real: another
 * session takes the agency row that `payReservation` reads under a share lock after locking the
 * reservation, waits until the payment blocks on it, then asks for the reservation. That session's
 * deadlock timeout is the longer, so PostgreSQL picks the payment as the victim.
 */
describe('platform: mutations that lose a lock race run again', () => {
  let t: TestApp;
  let agency: Agency;
  let listingId: string;
  let buyer: Awaited<ReturnType<typeof signUp>>;
  let rival: pg.Client;

  beforeAll(async () => {
    t = await createTestApp({ ...OPERATOR_ENV, DURE_TEST_CLOCK: '1', METRICS_TOKEN });
    agency = await activePartnerAgency(t, await logInOperator(t));
    listingId = await bookableService(t, agency);
    buyer = await signUp(t, '김구매');
    rival = new pg.Client({ connectionString: t.config.databaseUrl });
    await rival.connect();
  });
  afterAll(async () => {
    await rival.end();
    await t.close();
  });

  /** Resolves once a backend of the test database waits for a row lock (the payment, held up by the rival). */
  async function untilPaymentWaitsForLock(): Promise<void> {
    for (let tries = 0; tries < 200; tries++) {
      const { rows } = await rival.query<{ waiting: number }>(
        `SELECT count(*)::int AS waiting FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'`,
      );
      if (rows[0].waiting > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error('the payment never waited for the agency row');
  }

  it('pays a reservation whose first transaction was chosen as a deadlock victim, once', async () => {
    const reservation = (await t.ok(RESERVE, { input: { listingId, startsAt: seoulAt(t, 3, 10), idempotencyKey: 'deadlock-1' } }, buyer.token)).reserve;

    await rival.query('BEGIN');
    await rival.query(`SET LOCAL deadlock_timeout = '20s'`);
    await rival.query('SELECT 1 FROM partner_agency WHERE id = $1 FOR UPDATE', [agency.id]);
    const payment = t.gql(PAY, { input: { id: reservation.id, paymentKey: `pk_${reservation.id}` } }, buyer.token);
    await untilPaymentWaitsForLock();
    // Closes the cycle: the payment holds the reservation and waits for the agency; the rival holds the
    // agency and now waits for the reservation until the payment's transaction is rolled back.
    await rival.query('SELECT 1 FROM reservation WHERE id = $1 FOR UPDATE', [reservation.id]);
    await rival.query('COMMIT');

    const res = await payment;
    expect(res.errors).toBeUndefined();
    expect(res.data!.payReservation).toMatchObject({ status: 'CONFIRMED', payment: { status: 'PAID', amount: reservation.amount } });
    expect((await scrape(t.app.getHttpServer())).value('dure_mutation_conflict_retries_total', { operation: 'payReservation' })).toBe(1);
    const { rows } = await rival.query<{ status: string }>(`SELECT status FROM payment WHERE reference_id = $1`, [reservation.id]);
    expect(rows).toEqual([{ status: 'PAID' }]);
  });
});
