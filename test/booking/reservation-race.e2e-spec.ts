import { DataSource } from 'typeorm';
import { activePartnerAgency, type Agency } from '../support/catalog.js';
import { RESERVE, bookableService, seoulAt } from '../support/booking.js';
import { OPERATOR_ENV, createTestApp, logInOperator, signUp, type TestApp } from '../support/test-app.js';

const BUYERS = 50;

/** No double booking, ever (docs/RULES.md §8): many buyers at once over HTTP, on several database connections. */
describe('booking: concurrent reservations', () => {
  let t: TestApp;
  let agency: Agency;
  let buyers: Array<{ id: string; token: string }>;

  beforeAll(async () => {
    t = await createTestApp({ ...OPERATOR_ENV, DATABASE_POOL_SIZE: '25' });
    agency = await activePartnerAgency(t, await logInOperator(t));
    buyers = await Promise.all(Array.from({ length: BUYERS }, (_, i) => signUp(t, `구매자${i}`)));
  });
  afterAll(() => t.close());

  const race = async (listingId: string, startsAt: string) => {
    const results = await Promise.all(
      buyers.map((buyer, i) => t.gql(RESERVE, { input: { listingId, startsAt, idempotencyKey: `race-${listingId}-${i}` } }, buyer.token)),
    );
    return {
      held: results.filter((r) => r.data?.reserve?.status === 'PENDING_PAYMENT'),
      unavailable: results.filter((r) => r.errors?.[0].extensions.code === 'SLOT_UNAVAILABLE'),
    };
  };
  const activeSeats = async (listingId: string) =>
    Number((await t.app.get(DataSource).query(`SELECT count(*) FROM reservation_seat WHERE listing_id = $1 AND active`, [listingId]))[0].count);

  it(`${BUYERS} buyers reserve one capacity-1 slot at once: exactly one holds it, the others get SLOT_UNAVAILABLE`, async () => {
    const listingId = await bookableService(t, agency);
    const { held, unavailable } = await race(listingId, seoulAt(t, 2, 10));
    expect(held).toHaveLength(1);
    expect(unavailable).toHaveLength(BUYERS - 1);
    expect(await activeSeats(listingId)).toBe(1);
  });

  it(`${BUYERS} buyers reserve one capacity-3 slot at once: exactly three`, async () => {
    const listingId = await bookableService(t, agency, { capacityPerSlot: 3 });
    const { held, unavailable } = await race(listingId, seoulAt(t, 2, 11));
    expect(held).toHaveLength(3);
    expect(unavailable).toHaveLength(BUYERS - 3);
    expect(await activeSeats(listingId)).toBe(3);
  });

  it('20 concurrent requests of one buyer with one idempotency key create one reservation', async () => {
    const listingId = await bookableService(t, agency, { capacityPerSlot: 5 });
    const input = { listingId, startsAt: seoulAt(t, 2, 12), idempotencyKey: 'one-click' };
    const results = await Promise.all(Array.from({ length: 20 }, () => t.ok(RESERVE, { input }, buyers[0].token)));
    expect(new Set(results.map((r) => r.reserve.id)).size).toBe(1);
    expect(await activeSeats(listingId)).toBe(1);
  });
});
