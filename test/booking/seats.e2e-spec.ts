import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ReservationCreator, ReservationStatus, SeatAllocator, type NewReservation } from '../../libs/booking/src/index.js';
import { ClockService, RequestContext, TransactionalConnection } from '../../libs/common/src/index.js';
import { failureCodeOf } from '../support/order-purpose.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const HOUR = 3600_000;

/**
 * Capacity in the database, below the API: many reservations created at once, each in its own
 * transaction on its own connection, exactly as concurrent mutations would.
 */
describe('seats (capacity in the database)', () => {
  let t: TestApp;
  let creator: ReservationCreator;
  let connection: TransactionalConnection;
  let dataSource: DataSource;
  let clock: ClockService;

  beforeAll(async () => {
    t = await createTestApp({ DURE_TEST_CLOCK: '1', DATABASE_POOL_SIZE: '30' });
    creator = t.app.get(ReservationCreator);
    connection = t.app.get(TransactionalConnection);
    dataSource = t.app.get(DataSource);
    clock = t.app.get(ClockService);
  });
  afterAll(() => t.close());

  const listing = (capacityPerSlot: number) => ({ id: randomUUID(), partnerAgencyId: randomUUID(), title: '방문 돌봄 2시간', capacityPerSlot });
  const tomorrowAt = (hour: number) => new Date(Math.ceil(clock.now().getTime() / (24 * HOUR)) * 24 * HOUR + 24 * HOUR + hour * HOUR);

  type Request = Partial<NewReservation> & Pick<NewReservation, 'listing' | 'startsAt'> & { idempotency?: { key: string; input: unknown } };
  /** Like `reserve`: one transaction, the idempotency key claimed first. */
  const create = ({ idempotency, ...input }: Request) => {
    const ctx = RequestContext.system();
    const buyerId = input.buyerId ?? randomUUID();
    const { key, input: keyed } = idempotency ?? { key: randomUUID(), input: { startsAt: input.startsAt } };
    return connection.withTransaction(ctx, () =>
      creator.once(ctx, { userId: buyerId, key, input: keyed }, (id) =>
        creator.create(ctx, id, { endsAt: new Date(input.startsAt.getTime() + 2 * HOUR), amount: 40_000, ...input, buyerId }),
      ),
    );
  };
  const settle = <T>(attempts: Array<Promise<T>>) =>
    Promise.all(
      attempts.map((attempt) =>
        attempt.then(
          (value) => ({ value, code: undefined }),
          (error: { code?: string }) => ({ value: undefined, code: error.code }),
        ),
      ),
    );
  const count = async (sql: string, params: unknown[]) => Number((await dataSource.query(sql, params))[0].count);

  it('50 concurrent reservations of a capacity-1 slot: exactly one holds it, the rest get SLOT_UNAVAILABLE', async () => {
    const service = listing(1);
    const startsAt = tomorrowAt(1);
    const results = await settle(Array.from({ length: 50 }, () => create({ listing: service, startsAt })));
    expect(results.filter((r) => r.value?.status === ReservationStatus.PENDING_PAYMENT)).toHaveLength(1);
    expect(results.filter((r) => r.code === 'SLOT_UNAVAILABLE')).toHaveLength(49);
    expect(await count(`SELECT count(*) FROM reservation WHERE listing_id = $1`, [service.id])).toBe(1);
    expect(await count(`SELECT count(*) FROM payment p JOIN reservation r ON r.payment_id = p.id WHERE r.listing_id = $1`, [service.id])).toBe(1);
  });

  it('50 concurrent reservations of a capacity-3 slot: exactly three, on seats 1, 2 and 3', async () => {
    const service = listing(3);
    const startsAt = tomorrowAt(4);
    const results = await settle(Array.from({ length: 50 }, () => create({ listing: service, startsAt })));
    expect(results.filter((r) => r.value)).toHaveLength(3);
    expect(results.filter((r) => r.code === 'SLOT_UNAVAILABLE')).toHaveLength(47);
    const seats = await dataSource.query(`SELECT seat FROM reservation_seat WHERE listing_id = $1 ORDER BY seat`, [service.id]);
    expect(seats.map((row: { seat: number }) => row.seat)).toEqual([1, 2, 3]);
  });

  it('reports the seats taken per time, counting unexpired holds and leaving expired ones out', async () => {
    const service = listing(3);
    const held = await create({ listing: service, startsAt: tomorrowAt(40) });
    await create({ listing: service, startsAt: tomorrowAt(40) });
    await create({ listing: service, startsAt: tomorrowAt(42) });
    const seats = t.app.get(SeatAllocator);
    const taken = () => seats.takenSeats(RequestContext.system(), service.id, tomorrowAt(39), tomorrowAt(45));
    expect(await taken()).toEqual([
      { startsAt: tomorrowAt(40), endsAt: tomorrowAt(42), seats: 2 },
      { startsAt: tomorrowAt(42), endsAt: tomorrowAt(44), seats: 1 },
    ]);
    clock.moveTo(new Date(held.holdExpiresAt!.getTime() + 1000));
    expect(await taken()).toEqual([]);
  });

  it('overlapping times compete for capacity; back-to-back times do not', async () => {
    const service = listing(1);
    await create({ listing: service, startsAt: tomorrowAt(8) });
    expect(await failureCodeOf(create({ listing: service, startsAt: tomorrowAt(9) }))).toBe('SLOT_UNAVAILABLE');
    await expect(create({ listing: service, startsAt: tomorrowAt(10) })).resolves.toMatchObject({ status: ReservationStatus.PENDING_PAYMENT });
    await expect(create({ listing: listing(1), startsAt: tomorrowAt(8) })).resolves.toBeDefined();
  });

  it('a failed reservation leaves nothing behind: no reservation, payment, seat or idempotency key', async () => {
    const service = listing(1);
    await create({ listing: service, startsAt: tomorrowAt(13) });
    const key = randomUUID();
    const before = await count(`SELECT count(*) FROM payment`, []);
    expect(await failureCodeOf(create({ listing: service, startsAt: tomorrowAt(13), idempotency: { key, input: 'x' } }))).toBe('SLOT_UNAVAILABLE');
    expect(await count(`SELECT count(*) FROM payment`, [])).toBe(before);
    expect(await count(`SELECT count(*) FROM reservation WHERE listing_id = $1`, [service.id])).toBe(1);
    expect(await count(`SELECT count(*) FROM reservation_idempotency_key WHERE key = $1`, [key])).toBe(0);
  });

  it('an expired hold frees the seat for the next buyer even before the expiry job has run', async () => {
    const service = listing(1);
    const startsAt = tomorrowAt(16);
    const first = await create({ listing: service, startsAt });
    clock.moveTo(new Date(first.holdExpiresAt!.getTime() + 1000));
    const second = await create({ listing: service, startsAt });
    expect(second.status).toBe(ReservationStatus.PENDING_PAYMENT);
    const seats = await dataSource.query(`SELECT reservation_id, active FROM reservation_seat WHERE listing_id = $1 ORDER BY active`, [service.id]);
    expect(seats).toEqual([
      { reservation_id: first.id, active: false },
      { reservation_id: second.id, active: true },
    ]);
  });

  it('as many buyers as seats freed by expired holds all get one, however they interleave', async () => {
    const service = listing(3);
    // Each round: three expired holds, then three buyers at once. A buyer who finds every seat number
    // taken, and whose release of expired holds is beaten by another's, must still look again.
    for (let round = 0; round < 10; round++) {
      const startsAt = tomorrowAt(40 + 3 * round);
      const held = await settle([1, 2, 3].map(() => create({ listing: service, startsAt })));
      clock.moveTo(new Date(held[0].value!.holdExpiresAt!.getTime() + 1000));
      const results = await settle([1, 2, 3].map(() => create({ listing: service, startsAt })));
      expect(results.map((r) => r.code ?? r.value!.status)).toEqual(Array(3).fill(ReservationStatus.PENDING_PAYMENT));
      const active = await dataSource.query(
        `SELECT seat, reservation_id FROM reservation_seat WHERE listing_id = $1 AND lower(during) = $2 AND active ORDER BY seat`,
        [service.id, startsAt],
      );
      expect(active.map((row: { seat: number }) => row.seat)).toEqual([1, 2, 3]);
      expect(active.map((row: { reservation_id: string }) => row.reservation_id).sort()).toEqual(results.map((r) => r.value!.id).sort());
    }
  });

  describe('idempotency keys', () => {
    it('the same key and input give the same reservation; other input gives IDEMPOTENCY_KEY_REUSED', async () => {
      const buyerId = randomUUID();
      const service = listing(2);
      const idempotency = { key: 'reserve-1', input: { listingId: service.id, startsAt: tomorrowAt(19) } };
      const first = await create({ listing: service, buyerId, startsAt: tomorrowAt(19), idempotency });
      const again = await create({ listing: service, buyerId, startsAt: tomorrowAt(19), idempotency });
      expect(again.id).toBe(first.id);
      expect(await count(`SELECT count(*) FROM reservation WHERE listing_id = $1`, [service.id])).toBe(1);
      const other = { key: 'reserve-1', input: { listingId: service.id, startsAt: tomorrowAt(21) } };
      expect(await failureCodeOf(create({ listing: service, buyerId, startsAt: tomorrowAt(21), idempotency: other }))).toBe('IDEMPOTENCY_KEY_REUSED');
      // Keys are per user: another buyer's identical key is a different request.
      const someoneElse = await create({ listing: service, startsAt: tomorrowAt(19), idempotency });
      expect(someoneElse.id).not.toBe(first.id);
    });

    it('20 concurrent requests with one key create one reservation and all return it', async () => {
      const buyerId = randomUUID();
      const service = listing(5);
      const idempotency = { key: 'double-click', input: { listingId: service.id } };
      const results = await Promise.all(Array.from({ length: 20 }, () => create({ listing: service, buyerId, startsAt: tomorrowAt(22), idempotency })));
      expect(new Set(results.map((r) => r.id)).size).toBe(1);
      expect(await count(`SELECT count(*) FROM reservation WHERE listing_id = $1`, [service.id])).toBe(1);
    });

    it('a key older than 24 h starts a new reservation', async () => {
      const buyerId = randomUUID();
      const service = listing(5);
      const idempotency = { key: 'yesterday', input: {} };
      const first = await create({ listing: service, buyerId, startsAt: tomorrowAt(30), idempotency });
      clock.moveTo(new Date(clock.now().getTime() + 24 * HOUR + 1000));
      const next = await create({ listing: service, buyerId, startsAt: tomorrowAt(30), idempotency });
      expect(next.id).not.toBe(first.id);
    });
  });
});
