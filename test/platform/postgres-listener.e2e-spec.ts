import { jest } from '@jest/globals';
import pg from 'pg';
import { PostgresListener } from '../../libs/common/src/index.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const CHANNEL = 'dure_listener_test';

const applicationNameOf = (client: pg.Client) =>
  (client as unknown as { connectionParameters: { application_name?: string } }).connectionParameters.application_name;

/**
 * The process's one LISTEN connection also sends every NOTIFY (live updates, the data-change feed), often
 * from many commits at once. It sends them one statement at a time, in the order they were asked for: pg
 * queues a query on a busy client only until pg@9, which refuses it.
 */
describe('PostgresListener.notify', () => {
  let t: TestApp;
  let peer: pg.Client;
  const heard: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    peer = new pg.Client({ connectionString: t.config.databaseUrl });
    await peer.connect();
    peer.on('notification', (message) => heard.push(message.payload ?? ''));
    await peer.query(`LISTEN ${CHANNEL}`);
  });
  afterAll(async () => {
    await peer.end();
    await t.close();
  });

  it('sends concurrent notifications one at a time, in order, and every one arrives', async () => {
    let inFlight = 0;
    let mostInFlight = 0;
    const listener = t.app.get(PostgresListener);
    const originalQuery = pg.Client.prototype.query;
    const spy = jest.spyOn(pg.Client.prototype, 'query').mockImplementation(function (this: pg.Client, ...args: unknown[]) {
      const result = (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
      if (applicationNameOf(this) !== 'dure-listener' || !(result instanceof Promise)) return result as never;
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      return result.finally(() => (inFlight -= 1)) as never;
    });
    try {
      const payloads = Array.from({ length: 40 }, (_, i) => `payload-${i}`);
      await Promise.all(payloads.map((payload) => listener.notify(CHANNEL, payload)));
      for (let waited = 0; heard.length < payloads.length && waited < 5_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(heard).toEqual(payloads);
      expect(mostInFlight).toBe(1);
    } finally {
      spy.mockRestore();
    }
  });
});
