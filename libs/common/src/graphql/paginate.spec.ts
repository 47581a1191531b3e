import { DureError } from '../errors/dure-error.js';
import { checkedCursor, decodeCursor, encodeCursor, pageOf, pageOfSorted, pageSize, type NamedOrder, type SortKey } from './paginate.js';

describe('cursors', () => {
  it('round-trip the sort values and are opaque', () => {
    const values = ['2026-11-23T09:00:00.000Z', 30000, '0b9f2a1e-0000-4000-8000-000000000000'];
    const cursor = encodeCursor(values);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain('2026');
    expect(decodeCursor(cursor, 3)).toEqual(values);
  });

  it.each([['garbage!'], [encodeCursor([1, 2])], [Buffer.from('{"a":1}').toString('base64url')]])(
    'refuses a foreign cursor %p as BAD_USER_INPUT on after',
    (cursor) => {
      try {
        decodeCursor(cursor, 3);
        throw new Error('accepted');
      } catch (error) {
        expect((error as DureError).code).toBe('BAD_USER_INPUT');
        expect((error as DureError).fields).toEqual([{ field: 'after', message: expect.any(String) }]);
      }
    },
  );

  it('with kinds of values, refuse a value of another kind before it reaches SQL', () => {
    const values = ['2027-03-05T01:00:00.000Z', 7, '0b9f2a1e-0000-4000-8000-000000000000'];
    expect(checkedCursor(encodeCursor(values), ['instant', 'number', 'id'])).toEqual(values);
    for (const forged of [
      ['soon', 7, values[2]],
      [values[0], '7', values[2]],
      [values[0], 7, 'x'],
    ]) {
      expect(() => checkedCursor(encodeCursor(forged), ['instant', 'number', 'id'])).toThrow(DureError);
    }
  });

  it('pages default to 20 and allow at most 100', () => {
    expect(pageSize(undefined)).toBe(20);
    expect(pageSize(100)).toBe(100);
    expect(() => pageSize(101)).toThrow(DureError);
    expect(() => pageSize(-1)).toThrow(DureError);
  });
});

describe('pageOf', () => {
  const byId: Array<SortKey<{ id: number }>> = [{ expression: 'row.id', direction: 'ASC', valueOf: (row) => row.id }];
  const rows = (...ids: number[]) => ids.map((id) => ({ id }));
  const noCount = () => Promise.reject(new Error('counted'));

  it('the first page has no previous page; its cursors are its first and last edges', () => {
    const page = pageOf(rows(1, 2, 3), { first: 2 }, byId, noCount);
    expect(page.nodes).toEqual(rows(1, 2));
    expect(page.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: false, startCursor: encodeCursor([1]), endCursor: encodeCursor([2]) });
    expect(page.edges.map((edge) => edge.cursor)).toEqual([page.pageInfo.startCursor, page.pageInfo.endCursor]);
  });

  it('encodes cursors only when edges or pageInfo are read, and pageInfo only the first and last', () => {
    const read: number[] = [];
    const valueOf = (row: { id: number }) => {
      read.push(row.id);
      return row.id;
    };
    const counted: Array<SortKey<{ id: number }>> = [{ ...byId[0], valueOf }];
    const page = pageOf(rows(1, 2, 3, 4), { first: 3 }, counted, noCount);
    expect(page.nodes).toEqual(rows(1, 2, 3));
    expect(read).toEqual([]);
    expect(page.pageInfo.endCursor).toBe(encodeCursor([3]));
    expect(read).toEqual([1, 3]);
    expect(page.edges.map((edge) => edge.node)).toEqual(page.nodes);
  });

  it('a page after a cursor has a previous page, also when it is the last or empty', () => {
    const after = encodeCursor([2]);
    expect(pageOf(rows(3), { first: 2, after }, byId, noCount).pageInfo).toEqual({
      hasNextPage: false,
      hasPreviousPage: true,
      startCursor: encodeCursor([3]),
      endCursor: encodeCursor([3]),
    });
    expect(pageOf([], { first: 2, after }, byId, noCount).pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: null });
  });
});

describe('named orders', () => {
  type Row = { at: Date; id: string };
  const id = '0b9f2a1e-0000-4000-8000-000000000000';
  const unnamed: Array<SortKey<Row>> = [
    { expression: 'row.at', direction: 'DESC', valueOf: (row) => row.at, part: 'instant' },
    { expression: 'row.id', direction: 'DESC', valueOf: (row) => row.id, part: 'id' },
  ];
  const named: NamedOrder<Row> = { name: 'BY_AT', keys: unnamed.map((key) => ({ ...key, direction: 'ASC' })) };
  const rows: Row[] = [{ at: new Date('2027-03-05T01:00:00Z'), id }];

  it('lead their cursors with their name, and each order refuses the other’s cursors though their values look alike', () => {
    const namedCursor = pageOf(rows, { first: 1 }, named, () => Promise.resolve(1)).pageInfo.endCursor!;
    const unnamedCursor = pageOf(rows, { first: 1 }, unnamed, () => Promise.resolve(1)).pageInfo.endCursor!;
    expect(decodeCursor(namedCursor, 3)).toEqual(['BY_AT', '2027-03-05T01:00:00.000Z', id]);
    expect(decodeCursor(unnamedCursor, 2)).toEqual(['2027-03-05T01:00:00.000Z', id]);
    expect(pageOfSorted(rows, { after: namedCursor }, named).nodes).toEqual([]);
    expect(() => pageOfSorted(rows, { after: unnamedCursor }, named)).toThrow(DureError);
    expect(() => pageOfSorted(rows, { after: namedCursor }, unnamed)).toThrow(DureError);
    expect(() => pageOfSorted(rows, { after: encodeCursor(['OTHER', '2027-03-05T01:00:00.000Z', id]) }, named)).toThrow(DureError);
  });
});

describe('pageOfSorted', () => {
  type Row = { at: Date; id: string };
  const keys: Array<SortKey<Row>> = [
    { expression: 'row.at', direction: 'ASC', valueOf: (row) => row.at },
    { expression: 'row.id', direction: 'ASC', valueOf: (row) => row.id },
  ];
  const at = new Date('2027-03-05T01:00:00Z');
  const rows: Row[] = [
    { at, id: 'a' },
    { at, id: 'b' },
    { at: new Date('2027-03-12T02:00:00Z'), id: 'a' },
  ];

  it('pages rows already in key order from a cursor, comparing key by key, and counts them all', async () => {
    const first = pageOfSorted(rows, { first: 2 }, keys);
    expect(first.nodes).toEqual(rows.slice(0, 2));
    expect(first.pageInfo.hasNextPage).toBe(true);
    const rest = pageOfSorted(rows, { first: 2, after: first.pageInfo.endCursor! }, keys);
    expect(rest.nodes).toEqual([rows[2]]);
    expect(rest.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    expect(await rest.totalCount).toBe(3);
  });
});
