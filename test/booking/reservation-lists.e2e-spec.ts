import { encodeCursor } from '../../libs/common/src/index.js';
import { activePartnerAgency, type Agency, type User } from '../support/catalog.js';
import { RESERVE, bookableService, codeOf, seoulAt } from '../support/booking.js';
import { OPERATOR_ENV, createTestApp, logInOperator, signUp, type GraphQLResponse, type TestApp } from '../support/test-app.js';

const LIST_ARGS = `$startsFrom: DateTime, $startsBefore: DateTime, $order: ReservationOrder, $first: Int, $after: String`;
const PASS_ARGS = `startsFrom: $startsFrom, startsBefore: $startsBefore, order: $order, first: $first, after: $after`;
const PAGE = `totalCount pageInfo { hasNextPage endCursor } nodes { id startsAt partnerAgency { id } buyer { id } }`;
const AGENCY_LIST = `query($id: ID!, ${LIST_ARGS}) { list: partnerAgencyReservations(partnerAgencyId: $id, ${PASS_ARGS}) { ${PAGE} } }`;
const MY_LIST = `query(${LIST_ARGS}) { list: myReservations(${PASS_ARGS}) { ${PAGE} } }`;

interface Listed {
  id: string;
  startsAt: string;
  partnerAgency: { id: string };
  buyer: { id: string };
}
interface ListPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: Listed[];
}
type ListArgs = { startsFrom?: string; startsBefore?: string; order?: 'NEWEST' | 'STARTS_AT'; first?: number; after?: string };

const DAY_MS = 24 * 3600_000;
const daysAfter = (iso: string, days: number) => new Date(new Date(iso).getTime() + days * DAY_MS).toISOString();
const fieldsOf = (res: GraphQLResponse) => res.errors?.[0]?.extensions.fields?.map((f: { field: string }) => f.field);

/**
 * `partnerAgencyReservations` and `myReservations` by a range of starts [startsFrom, startsBefore) and in start
 * order (docs/RULES.md §8, "Reservation lists"): boundaries, paging, bad ranges and cursors, and who sees what.
 */
describe('booking: reservation lists by range of starts', () => {
  let t: TestApp;
  let agency: Agency;
  let otherAgency: Agency;
  let buyer: User;
  let keys = 0;
  /** Start → reservation id, of `agency`'s listing, all by `buyer`. */
  const ids = new Map<string, string>();
  let otherAgencyReservationId: string;

  const reserved = async (listingId: string, startsAt: string, who: User) => {
    const res = await t.gql(RESERVE, { input: { listingId, startsAt, idempotencyKey: `key-${keys++}` } }, who.token);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.reserve.id as string;
  };
  const agencyList = (args: ListArgs, token = agency.owner.token, id = agency.id) => t.gql(AGENCY_LIST, { id, ...args }, token);
  const agencyPage = async (args: ListArgs): Promise<ListPage> => (await t.ok(AGENCY_LIST, { id: agency.id, ...args }, agency.owner.token)).list;
  const startsOf = (page: ListPage) => page.nodes.map((node) => node.startsAt);

  beforeAll(async () => {
    t = await createTestApp(OPERATOR_ENV);
    const operator = await logInOperator(t);
    agency = await activePartnerAgency(t, operator);
    otherAgency = await activePartnerAgency(t, operator, { name: '이웃 협동조합' });
    const listingId = await bookableService(t, agency);
    const otherListingId = await bookableService(t, otherAgency);
    buyer = await signUp(t, '김범위');
    // Reserved out of start order, so that newest-first and start order differ.
    for (const [days, hour] of [
      [5, 10],
      [3, 10],
      [4, 9],
      [4, 17],
      [3, 12],
      [3, 9],
    ]) {
      const startsAt = seoulAt(t, days, hour);
      ids.set(startsAt, await reserved(listingId, startsAt, buyer));
    }
    otherAgencyReservationId = await reserved(otherListingId, seoulAt(t, 3, 11), buyer);
  });
  afterAll(() => t.close());

  it('keeps the starts in [startsFrom, startsBefore): the start inclusive, the end exclusive', async () => {
    const range = { startsFrom: seoulAt(t, 3, 10), startsBefore: seoulAt(t, 4, 17) };
    const byStart = await agencyPage({ ...range, order: 'STARTS_AT' });
    expect(startsOf(byStart)).toEqual([seoulAt(t, 3, 10), seoulAt(t, 3, 12), seoulAt(t, 4, 9)]);
    expect(byStart.totalCount).toBe(3);
    // Without an order the same range is newest first, as the lists always were.
    expect(startsOf(await agencyPage(range))).toEqual([seoulAt(t, 3, 12), seoulAt(t, 4, 9), seoulAt(t, 3, 10)]);
    // One bound alone leaves the other side open.
    expect(startsOf(await agencyPage({ startsFrom: seoulAt(t, 4, 17), order: 'STARTS_AT' }))).toEqual([seoulAt(t, 4, 17), seoulAt(t, 5, 10)]);
    expect(startsOf(await agencyPage({ startsBefore: seoulAt(t, 3, 10), order: 'STARTS_AT' }))).toEqual([seoulAt(t, 3, 9)]);
    expect((await agencyPage({ startsFrom: seoulAt(t, 6, 0), startsBefore: seoulAt(t, 7, 0) })).nodes).toEqual([]);
  });

  it('pages in start order across pages without gaps or repeats; each order refuses the other’s cursors', async () => {
    const range = { startsFrom: seoulAt(t, 3, 0), startsBefore: seoulAt(t, 6, 0), order: 'STARTS_AT' as const };
    const seen: string[] = [];
    const hasNext: boolean[] = [];
    let after: string | undefined;
    do {
      const page = await agencyPage({ ...range, first: 2, after });
      expect(page.totalCount).toBe(6);
      seen.push(...startsOf(page));
      hasNext.push(page.pageInfo.hasNextPage);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor! : undefined;
    } while (after);
    expect(hasNext).toEqual([true, true, false]);
    expect(seen).toEqual([...ids.keys()].sort());

    const byStart = (await agencyPage({ ...range, first: 1 })).pageInfo.endCursor!;
    const newest = (await agencyPage({ startsFrom: range.startsFrom, startsBefore: range.startsBefore, first: 1 })).pageInfo.endCursor!;
    for (const res of [
      await agencyList({ ...range, after: newest }),
      await agencyList({ after: byStart }),
      // A cursor of the right shape with values no key can hold never reaches SQL.
      await agencyList({ ...range, after: encodeCursor(['STARTS_AT', 'yesterday', 'not-a-uuid']) }),
      await agencyList({ after: encodeCursor(['yesterday', 'not-a-uuid']) }),
    ]) {
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(res)).toEqual(['after']);
    }
  });

  it('refuses an empty, backwards or longer than 93 days range on startsBefore', async () => {
    const startsFrom = seoulAt(t, 3, 0);
    for (const startsBefore of [startsFrom, daysAfter(startsFrom, -1), daysAfter(new Date(new Date(startsFrom).getTime() + 1).toISOString(), 93)]) {
      for (const res of [await agencyList({ startsFrom, startsBefore }), await t.gql(MY_LIST, { startsFrom, startsBefore }, buyer.token)]) {
        expect(codeOf(res)).toBe('BAD_USER_INPUT');
        expect(fieldsOf(res)).toEqual(['startsBefore']);
      }
    }
    // 93 days exactly is allowed.
    expect((await agencyPage({ startsFrom, startsBefore: daysAfter(startsFrom, 93) })).totalCount).toBe(6);
  });

  it('never shows another agency’s reservations, and its list stays NOT_FOUND to outsiders whatever the range', async () => {
    const range = { startsFrom: seoulAt(t, 3, 0), startsBefore: seoulAt(t, 4, 0), order: 'STARTS_AT' as const };
    const page = await agencyPage(range);
    expect(page.nodes.map((node) => node.partnerAgency.id)).toEqual([agency.id, agency.id, agency.id]);
    expect(page.nodes.map((node) => node.id)).not.toContain(otherAgencyReservationId);
    for (const args of [range, { startsFrom: range.startsBefore, startsBefore: range.startsFrom }]) {
      expect(codeOf(await agencyList(args, otherAgency.owner.token))).toBe('NOT_FOUND');
      expect(codeOf(await agencyList(args, buyer.token))).toBe('NOT_FOUND');
    }
    const others = (await t.ok(AGENCY_LIST, { id: otherAgency.id, ...range }, otherAgency.owner.token)).list;
    expect(others.nodes.map((node: Listed) => node.id)).toEqual([otherAgencyReservationId]);
  });

  it('a buyer’s own list takes the same range and order, across agencies, and only theirs', async () => {
    const range = { startsFrom: seoulAt(t, 3, 0), startsBefore: seoulAt(t, 4, 0), order: 'STARTS_AT' as const };
    const mine: ListPage = (await t.ok(MY_LIST, range, buyer.token)).list;
    expect(startsOf(mine)).toEqual([seoulAt(t, 3, 9), seoulAt(t, 3, 10), seoulAt(t, 3, 11), seoulAt(t, 3, 12)]);
    expect(mine.nodes.map((node) => node.partnerAgency.id)).toEqual([agency.id, agency.id, otherAgency.id, agency.id]);
    const stranger = await signUp(t, '남');
    expect((await t.ok(MY_LIST, range, stranger.token)).list).toMatchObject({ totalCount: 0, nodes: [] });
  });
});
