import { DateTime } from 'luxon';
import { SeatAllocator } from '../../libs/booking/src/index.js';
import { RequestContext } from '../../libs/common/src/index.js';
import { AvailabilityService, ListingService, type TakenSeats } from '../../libs/catalog/src/index.js';
import { CREATE_LISTING, activePartnerAgency, agencyMember, publishedListing, serviceListingInput, type Agency, type User } from '../support/catalog.js';
import { OPERATOR_ENV, createTestApp, logInOperator, signUp, type GraphQLResponse, type TestApp } from '../support/test-app.js';

const SET = `mutation($id: ID!, $input: AvailabilityInput!) {
  setAvailability(listingId: $id, input: $input) { timezone slotIntervalMinutes weeklyHours { weekday opensAt closesAt } exceptions { date closed opensAt closesAt } }
}`;
const GET = `query($id: ID!) { availability(listingId: $id) { timezone slotIntervalMinutes weeklyHours { weekday opensAt closesAt } exceptions { date closed opensAt closesAt } } }`;
const SLOTS = `query($id: ID!, $from: DateTime!, $to: DateTime!) { availableSlots(listingId: $id, from: $from, to: $to) { startsAt endsAt remainingCapacity } }`;

const WEEKDAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];
const everyDay = (opensAt: string, closesAt: string) => WEEKDAYS.map((weekday) => ({ weekday, opensAt, closesAt }));
const codeOf = (res: GraphQLResponse) => res.errors?.[0]?.extensions.code;
const fieldsOf = (res: GraphQLResponse) => res.errors?.[0]?.extensions.fields?.map((f) => f.field);

/** A Seoul calendar date `days` from today, and an instant on it. */
const seoulDay = (days: number) => DateTime.now().setZone('Asia/Seoul').startOf('day').plus({ days });
const seoulTime = (day: DateTime, time: string) => DateTime.fromISO(`${day.toISODate()}T${time}`, { zone: 'Asia/Seoul' }).toUTC().toISO();

describe('catalog: availability and slots', () => {
  let t: TestApp;
  let operator: string;
  let agency: Agency;
  let staff: User;
  const taken = new Map<string, TakenSeats[]>();
  const occupancyCalls: Array<{ listingId: string; from: Date; to: Date }> = [];

  beforeAll(async () => {
    t = await createTestApp(OPERATOR_ENV);
    operator = await logInOperator(t);
    agency = await activePartnerAgency(t, operator);
    staff = await agencyMember(t, agency, 'STAFF');
    // Booking's seats are the registered occupancy; stood in for here to test the catalog's arithmetic alone.
    t.app.get(SeatAllocator).takenSeats = async (_ctx, listingId, from, to) => {
      occupancyCalls.push({ listingId, from, to });
      return taken.get(listingId) ?? [];
    };
  });
  afterAll(() => t.close());

  const set = (id: string, input: Record<string, unknown>, token = agency.owner.token) => t.gql(SET, { id, input }, token);
  const slots = async (id: string, from: string, to: string, token?: string) => (await t.ok(SLOTS, { id, from, to }, token)).availableSlots;

  describe('setAvailability and availability', () => {
    it('stores weekly hours and exceptions; the zone defaults to Asia/Seoul and the interval to the duration', async () => {
      const id = await publishedListing(t, agency);
      expect((await t.ok(GET, { id })).availability).toBeNull();
      const input = { weeklyHours: [{ weekday: 'MONDAY', opensAt: '09:00', closesAt: '18:00' }], exceptions: [{ date: '2031-01-01', closed: true }] };
      const saved = (await set(id, input)).data!.setAvailability;
      expect(saved).toEqual({
        timezone: 'Asia/Seoul',
        slotIntervalMinutes: 60,
        weeklyHours: [{ weekday: 'MONDAY', opensAt: '09:00', closesAt: '18:00' }],
        exceptions: [{ date: '2031-01-01', closed: true, opensAt: null, closesAt: null }],
      });
      expect((await t.ok(GET, { id })).availability).toEqual(saved);
      const replaced = await set(
        id,
        { timezone: 'America/New_York', slotIntervalMinutes: 30, weeklyHours: [] },
        (await agencyMember(t, agency, 'MANAGER')).token,
      );
      expect(replaced.data!.setAvailability).toEqual({ timezone: 'America/New_York', slotIntervalMinutes: 30, weeklyHours: [], exceptions: [] });
    });

    it('only OWNER and MANAGER set it: STAFF and operators FORBIDDEN, outsiders NOT_FOUND', async () => {
      const id = await publishedListing(t, agency);
      const input = { weeklyHours: everyDay('09:00', '10:00') };
      expect(codeOf(await set(id, input, staff.token))).toBe('FORBIDDEN');
      expect(codeOf(await set(id, input, operator))).toBe('FORBIDDEN');
      expect(codeOf(await set(id, input, (await signUp(t, '외부인')).token))).toBe('NOT_FOUND');
      expect(codeOf(await set(id, input, ''))).toBe('UNAUTHENTICATED');
      expect((await t.ok(GET, { id })).availability).toBeNull();
    });

    it('refuses bad hours, zones and intervals, naming the field', async () => {
      const id = await publishedListing(t, agency);
      const overlapping = [
        { weekday: 'MONDAY', opensAt: '09:00', closesAt: '13:00' },
        { weekday: 'MONDAY', opensAt: '12:00', closesAt: '18:00' },
      ];
      expect(fieldsOf(await set(id, { weeklyHours: overlapping }))).toEqual(['input.weeklyHours[1]']);
      expect(fieldsOf(await set(id, { weeklyHours: [{ weekday: 'MONDAY', opensAt: '9:00', closesAt: '18:00' }] }))).toEqual(['input.weeklyHours[0].opensAt']);
      expect(fieldsOf(await set(id, { weeklyHours: [{ weekday: 'MONDAY', opensAt: '18:00', closesAt: '09:00' }] }))).toEqual(['input.weeklyHours[0].closesAt']);
      expect(fieldsOf(await set(id, { weeklyHours: [], exceptions: [{ date: '2031-01-01', closed: false, opensAt: '10:00' }] }))).toEqual([
        'input.exceptions[0].opensAt',
      ]);
      // The index is the one sent, not the one after sorting by date.
      const unsorted = [
        { date: '2031-03-01', closed: false, opensAt: '10:00' },
        { date: '2031-01-01', closed: true },
      ];
      expect(fieldsOf(await set(id, { weeklyHours: [], exceptions: unsorted }))).toEqual(['input.exceptions[0].opensAt']);
      expect(fieldsOf(await set(id, { weeklyHours: [], timezone: 'Seoul/Mapo' }))).toEqual(['input.timezone']);
      expect(fieldsOf(await set(id, { weeklyHours: [], slotIntervalMinutes: 1 }))).toEqual(['input.slotIntervalMinutes']);
      expect(codeOf(await set(id, { weeklyHours: [], exceptions: [{ date: '2031-02-30', closed: true }] }))).toBe('BAD_USER_INPUT');
    });

    it('only SERVICE listings have availability', async () => {
      const goods = await publishedListing(t, agency, { kind: 'GOODS', service: null, goods: { stock: 1, shippingFee: 0 } });
      expect(fieldsOf(await set(goods, { weeklyHours: everyDay('09:00', '10:00') }))).toEqual(['listingId']);
      expect((await t.ok(GET, { id: goods })).availability).toBeNull();
      expect(await slots(goods, seoulTime(seoulDay(1), '00:00')!, seoulTime(seoulDay(2), '00:00')!)).toEqual([]);
    });

    it("a draft's availability is hidden from the public like the draft itself", async () => {
      const draft = (await t.ok(CREATE_LISTING, { input: serviceListingInput(agency.id) }, agency.owner.token)).createListing.id;
      await set(draft, { weeklyHours: everyDay('09:00', '10:00') });
      expect(codeOf(await t.gql(GET, { id: draft }))).toBe('NOT_FOUND');
      expect(codeOf(await t.gql(SLOTS, { id: draft, from: seoulTime(seoulDay(1), '00:00'), to: seoulTime(seoulDay(2), '00:00') }))).toBe('NOT_FOUND');
      expect((await t.ok(GET, { id: draft }, staff.token)).availability.weeklyHours).toHaveLength(7);
      expect(await slots(draft, seoulTime(seoulDay(1), '00:00')!, seoulTime(seoulDay(2), '00:00')!, staff.token)).toHaveLength(1);
    });
  });

  describe('availableSlots', () => {
    it('offers slots inside opening hours in Asia/Seoul; none that would end after closing', async () => {
      const id = await publishedListing(t, agency);
      await set(id, { weeklyHours: everyDay('09:00', '11:30') });
      const day = seoulDay(3);
      expect(await slots(id, seoulTime(day, '00:00')!, seoulTime(day.plus({ days: 1 }), '00:00')!)).toEqual([
        { startsAt: seoulTime(day, '09:00'), endsAt: seoulTime(day, '10:00'), remainingCapacity: 1 },
        { startsAt: seoulTime(day, '10:00'), endsAt: seoulTime(day, '11:00'), remainingCapacity: 1 },
      ]);
    });

    it('starts a slot every slotIntervalMinutes, and exceptions close a day or replace its hours', async () => {
      const id = await publishedListing(t, agency, { service: { ...serviceListingInput('').service, durationMinutes: 90 } });
      const [special, closed, normal] = [seoulDay(5), seoulDay(6), seoulDay(7)];
      await set(id, {
        slotIntervalMinutes: 30,
        weeklyHours: everyDay('09:00', '11:00'),
        exceptions: [
          { date: special.toISODate(), closed: false, opensAt: '14:00', closesAt: '16:00' },
          { date: closed.toISODate(), closed: true },
        ],
      });
      const starts = async (day: DateTime) =>
        (await slots(id, seoulTime(day, '00:00')!, seoulTime(day.plus({ days: 1 }), '00:00')!)).map((s: { startsAt: string }) => s.startsAt);
      expect(await starts(normal)).toEqual([seoulTime(normal, '09:00'), seoulTime(normal, '09:30')]);
      expect(await starts(special)).toEqual([seoulTime(special, '14:00'), seoulTime(special, '14:30')]);
      expect(await starts(closed)).toEqual([]);
    });

    it('shows only future slots', async () => {
      const id = await publishedListing(t, agency);
      await set(id, { weeklyHours: everyDay('00:00', '24:00') });
      const now = Date.now();
      const found = await slots(id, new Date(now - 2 * 86_400_000).toISOString(), new Date(now + 86_400_000).toISOString());
      const starts = found.map((s: { startsAt: string }) => new Date(s.startsAt).getTime());
      expect(starts.every((start: number) => start >= now)).toBe(true);
      expect(starts[0] - now).toBeLessThanOrEqual(3_600_000);
      expect(found.length).toBeGreaterThanOrEqual(23);
      expect(found.length).toBeLessThanOrEqual(24);
    });

    it('covers at most 62 days, and to must be after from', async () => {
      const id = await publishedListing(t, agency);
      await set(id, { weeklyHours: everyDay('09:00', '10:00') });
      const from = seoulDay(1);
      expect(await slots(id, seoulTime(from, '00:00')!, seoulTime(from.plus({ days: 62 }), '00:00')!)).toHaveLength(62);
      const tooLong = await t.gql(SLOTS, { id, from: seoulTime(from, '00:00'), to: seoulTime(from.plus({ days: 62 }), '00:01') });
      expect(tooLong.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'to' }] });
      expect(fieldsOf(await t.gql(SLOTS, { id, from: seoulTime(from, '10:00'), to: seoulTime(from, '10:00') }))).toEqual(['to']);
    });

    it('uses the listing zone: 09:00 in New York is 14:00 UTC in winter', async () => {
      const id = await publishedListing(t, agency);
      await set(id, { timezone: 'America/New_York', weeklyHours: everyDay('09:00', '10:00') });
      const found = await slots(id, '2030-01-07T00:00:00Z', '2030-01-08T00:00:00Z');
      expect(found).toEqual([{ startsAt: '2030-01-07T14:00:00.000Z', endsAt: '2030-01-07T15:00:00.000Z', remainingCapacity: 1 }]);
    });

    it('remainingCapacity is capacityPerSlot less the overlapping taken seats; full slots are left out', async () => {
      const id = await publishedListing(t, agency, { service: { ...serviceListingInput('').service, capacityPerSlot: 3 } });
      await set(id, { weeklyHours: everyDay('09:00', '12:00') });
      const day = seoulDay(4);
      const at = (time: string) => new Date(seoulTime(day, time)!);
      taken.set(id, [
        { startsAt: at('09:00'), endsAt: at('10:00'), seats: 2 },
        { startsAt: at('10:00'), endsAt: at('11:00'), seats: 3 },
        { startsAt: at('11:30'), endsAt: at('12:30'), seats: 1 },
      ]);
      occupancyCalls.length = 0;
      const found = await slots(id, seoulTime(day, '00:00')!, seoulTime(day.plus({ days: 1 }), '00:00')!);
      expect(found.map((s: { startsAt: string; remainingCapacity: number }) => [s.startsAt, s.remainingCapacity])).toEqual([
        [seoulTime(day, '09:00'), 1],
        [seoulTime(day, '11:00'), 2],
      ]);
      expect(occupancyCalls).toEqual([{ listingId: id, from: at('09:00'), to: at('12:00') }]);
    });
  });

  it('slotStartingAt (for booking) finds the schedule slot that starts exactly then', async () => {
    const id = await publishedListing(t, agency);
    await set(id, { weeklyHours: everyDay('09:00', '11:00') });
    const ctx = RequestContext.system();
    const listing = (await t.app.get(ListingService).load(ctx, id))!;
    const day = seoulDay(2);
    const service = t.app.get(AvailabilityService);
    expect(await service.slotStartingAt(ctx, listing, new Date(seoulTime(day, '10:00')!))).toEqual({
      startsAt: new Date(seoulTime(day, '10:00')!),
      endsAt: new Date(seoulTime(day, '11:00')!),
    });
    expect(await service.slotStartingAt(ctx, listing, new Date(seoulTime(day, '10:30')!))).toBeNull();
    expect(await service.slotStartingAt(ctx, listing, new Date(seoulTime(day, '11:00')!))).toBeNull();
  });
});
