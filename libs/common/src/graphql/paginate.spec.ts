import { DureError } from '../errors/dure-error.js';
import { decodeCursor, encodeCursor, pageOf, pageSize, type SortKey } from './paginate.js';

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
