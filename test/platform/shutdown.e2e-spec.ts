import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import { PAY, RESERVE, bookableService, seoulAt } from '../support/booking.js';
import { activePartnerAgency } from '../support/catalog.js';
import { exited, serverProcessEnv, startServerProcess, type ServerProcess } from '../support/server-process.js';
import { OPERATOR_ENV, createTestApp, logInOperator, signUp, type TestApp } from '../support/test-app.js';

const DRAIN_MS = 2500;
const PROVIDER_LATENCY_MS = 1500;

/** SIGTERM to an API process: out of the load balancer at once, requests still served through the drain, none cut off. */
describe('shutting down on SIGTERM', () => {
  let t: TestApp;
  let server: ServerProcess | undefined;

  beforeAll(async () => {
    t = await createTestApp(OPERATOR_ENV);
  });
  afterAll(async () => {
    server?.process.kill('SIGKILL');
    await t.close();
  });

  it('answers /ready with 503 at once, serves requests through the drain, finishes those in flight, then exits', async () => {
    const agency = await activePartnerAgency(t, await logInOperator(t));
    const buyer = await signUp(t, '종료구매자');
    const listingId = await bookableService(t, agency);
    server = await startServerProcess({
      ...serverProcessEnv(t),
      SHUTDOWN_DRAIN_MS: String(DRAIN_MS),
      PAYMENT_SIMULATED_LATENCY_MS: String(PROVIDER_LATENCY_MS),
    });
    const { url } = server;
    const gql = (query: string, variables: Record<string, unknown> = {}, token?: string) => {
      const req = request(url).post('/graphql').set('content-type', 'application/json');
      if (token) req.set('authorization', `Bearer ${token}`);
      return req.send({ query, variables });
    };
    const held = await gql(RESERVE, { input: { listingId, startsAt: seoulAt(t, 2, 10), idempotencyKey: 'shutdown-1' } }, buyer.token);
    const reservationId: string = held.body.data.reserve.id;
    expect((await request(url).get('/ready')).status).toBe(200);

    const signalledAt = Date.now();
    server.process.kill('SIGTERM');
    let ready = await request(url).get('/ready');
    for (let tries = 0; ready.status === 200 && tries < 50; tries++) {
      await sleep(10);
      ready = await request(url).get('/ready');
    }
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ status: 'unavailable', reason: 'shutting down' });
    expect(Date.now() - signalledAt).toBeLessThan(1000);
    expect((await request(url).get('/health')).status).toBe(200);
    expect((await gql(`{ membershipTiers { code } }`)).body.data.membershipTiers.length).toBeGreaterThan(0);

    // Starts inside the drain and is still waiting for the provider when the server begins to close.
    await sleep(Math.max(0, signalledAt + DRAIN_MS - PROVIDER_LATENCY_MS / 2 - Date.now()));
    const exit = exited(server.process);
    const paid = await gql(PAY, { input: { id: reservationId, paymentKey: 'pk_shutdown' } }, buyer.token);
    expect(paid.body.data.payReservation.status).toBe('CONFIRMED');

    expect(await exit).toBe(0);
    expect(Date.now() - signalledAt).toBeGreaterThanOrEqual(DRAIN_MS);
    await expect(request(url).get('/health')).rejects.toThrow(/ECONNREFUSED/);
  });
});
