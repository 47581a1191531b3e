import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { entitiesOf } from '../database/entity-rows.js';
import { isUuid } from '../database/postgres-errors.js';
import { BadUserInputError } from '../errors/dure-error.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type Edge, type Page, type PageArgs, type PageInfo } from './connection.js';

type CursorValue = string | number;

/** What a cursor holds at a key: checked before it reaches SQL, so a forged or foreign value is BAD_USER_INPUT, not an SQL error. */
export type CursorPart = 'instant' | 'number' | 'id';

const CURSOR_PART_CHECKS: Record<CursorPart, (value: CursorValue) => boolean> = {
  instant: (value) => typeof value === 'string' && !Number.isNaN(Date.parse(value)),
  number: (value) => typeof value === 'number' && Number.isFinite(value),
  id: (value) => typeof value === 'string' && isUuid(value),
};

/** One column of a keyset ordering. Expressions must be non-null (wrap nullable ones in COALESCE). */
export interface SortKey<T> {
  /** SQL expression in the query builder's aliases, e.g. `listing.created_at`. */
  expression: string;
  direction: 'ASC' | 'DESC';
  valueOf: (row: T) => CursorValue | Date;
  /** When given, a cursor's value at this key must be of this kind. */
  part?: CursorPart;
}

/**
 * A list's order when the list is offered in several whose keys hold alike values (two instants and an id): its
 * `name` leads every cursor it makes, so a cursor of another order of the list is refused rather than misread.
 */
export interface NamedOrder<T> {
  name: string;
  keys: Array<SortKey<T>>;
}

/** The keys of a list's order, named when the list has several orders (see `NamedOrder`). */
export type KeysetOrder<T> = Array<SortKey<T>> | NamedOrder<T>;

const keysOf = <T>(order: KeysetOrder<T>): Array<SortKey<T>> => (Array.isArray(order) ? order : order.keys);
const nameOf = <T>(order: KeysetOrder<T>): CursorValue[] => (Array.isArray(order) ? [] : [order.name]);

/** Newest first by `created_at`, ties by `id`: the order of every list of things a user made (orders, subscriptions…). */
export function newestFirst<T extends { createdAt: Date; id: string }>(alias: string): Array<SortKey<T>> {
  return [
    { expression: `${alias}.created_at`, direction: 'DESC', valueOf: (row) => row.createdAt, part: 'instant' },
    { expression: `${alias}.id`, direction: 'DESC', valueOf: (row) => row.id, part: 'id' },
  ];
}

export function encodeCursor(values: CursorValue[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string, length: number): CursorValue[] {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === length && values.every((v) => ['string', 'number'].includes(typeof v))) {
      return values as CursorValue[];
    }
  } catch {
    // fall through to the error below
  }
  throw BadUserInputError.field('after', 'is not a cursor of this list');
}

/** The values of a cursor made by a list with keys of these kinds (else BAD_USER_INPUT on `after`). */
export function checkedCursor(cursor: string, parts: Array<CursorPart | undefined>): CursorValue[] {
  const values = decodeCursor(cursor, parts.length);
  if (!values.every((value, i) => parts[i] === undefined || CURSOR_PART_CHECKS[parts[i]](value))) {
    throw BadUserInputError.field('after', 'is not a cursor of this list');
  }
  return values;
}

/** The key values of a cursor made by a list in this order, its keys' values of these kinds (else BAD_USER_INPUT on `after`). */
function cursorOfOrder<T>(cursor: string, order: KeysetOrder<T>, parts: Array<CursorPart | undefined>): CursorValue[] {
  const name = nameOf(order);
  const values = checkedCursor(cursor, [...name.map(() => undefined), ...parts]);
  if (name.some((value, i) => values[i] !== value)) throw BadUserInputError.field('after', 'is not a cursor of this list');
  return values.slice(name.length);
}

export function pageSize(first: number | undefined): number {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) {
    throw BadUserInputError.field('first', `must be from 0 to ${MAX_PAGE_SIZE}`);
  }
  return size;
}

function cursorValues<T>(row: T, keys: Array<SortKey<T>>): CursorValue[] {
  return keys.map((key) => {
    const value = key.valueOf(row);
    return value instanceof Date ? value.toISOString() : value;
  });
}

const cursorOfRow = <T>(row: T, order: KeysetOrder<T>): string => encodeCursor([...nameOf(order), ...cursorValues(row, keysOf(order))]);

/**
 * The statement of one page: the filtered `query` after the cursor, in key order, with one row more than
 * the page so the caller knows whether another follows. The last sort key must be unique (usually the id).
 */
export function pageQuery<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, args: PageArgs, order: KeysetOrder<T>): SelectQueryBuilder<T> {
  const page = query.clone();
  const keys = keysOf(order);
  if (args.after) {
    // A client can write any cursor: each value is checked against its key before it reaches SQL (docs/RULES.md §11).
    const values = cursorOfOrder(
      args.after,
      order,
      keys.map((key) => key.part ?? columnPartOf(query, key.expression)),
    );
    const params = Object.fromEntries(values.map((v, i) => [`cursor${i}`, v]));
    const disjuncts = keys.map((key, i) => {
      const equal = keys.slice(0, i).map((k, j) => `${k.expression} = :cursor${j}`);
      const beyond = `${key.expression} ${key.direction === 'ASC' ? '>' : '<'} :cursor${i}`;
      return `(${[...equal, beyond].join(' AND ')})`;
    });
    page.andWhere(`(${disjuncts.join(' OR ')})`, params);
  }
  keys.forEach((key, i) => (i === 0 ? page.orderBy(key.expression, key.direction) : page.addOrderBy(key.expression, key.direction)));
  return page.limit(pageSize(args.first) + 1);
}

/** Whether `expression` is `alias.column` naming a uuid column of an entity the query reads. */
/** What a key's column holds, read from the entity when the key names one (`alias.column`) and says nothing itself. */
function columnPartOf<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, expression: string): CursorPart | undefined {
  const [alias, column, ...rest] = expression.split('.');
  const source = query.expressionMap.aliases.find((candidate) => candidate.name === alias);
  if (rest.length || !column || !source?.hasMetadata) return undefined;
  const type = source.metadata.findColumnWithDatabaseName(column)?.type;
  if (type === 'uuid') return 'id';
  return type === 'timestamptz' || type === 'timestamp' || type === 'timestamp with time zone' ? 'instant' : undefined;
}

/**
 * The connection of a forward page: `nodes` (already cut to the page), then `edges`, `pageInfo` and
 * `totalCount` as getters, which Nest resolves by reading the property. Most clients select `nodes` alone,
 * so a row's cursor is encoded only when `edges` or `pageInfo` is selected (and `pageInfo` encodes the first
 * and last only); the count runs only when `totalCount` is. `hasPreviousPage` follows from `after` alone
 * (see `PageInfo`).
 */
export function connectionOf<T>(
  nodes: T[],
  cursorOf: (node: T) => string,
  hasNextPage: boolean,
  args: PageArgs,
  count: () => number | Promise<number>,
): Page<T> {
  return {
    nodes,
    get edges(): Array<Edge<T>> {
      return nodes.map((node) => ({ node, cursor: cursorOf(node) }));
    },
    get pageInfo(): PageInfo {
      const [first, last] = [nodes.at(0), nodes.at(-1)];
      return {
        hasNextPage,
        hasPreviousPage: Boolean(args.after),
        startCursor: first === undefined ? null : cursorOf(first),
        endCursor: last === undefined ? null : cursorOf(last),
      };
    },
    get totalCount() {
      return count();
    },
  };
}

/** The page made of the rows a `pageQuery` fetched (one more than the page, to know whether another follows). */
export function pageOf<T>(rows: T[], args: PageArgs, order: KeysetOrder<T>, count: () => Promise<number>): Page<T> {
  const size = pageSize(args.first);
  return connectionOf(rows.slice(0, size), (node) => cursorOfRow(node, order), rows.length > size, args, count);
}

/** Keyset pagination over a filtered query: one statement for the page and, only when `totalCount` is selected, one for the count. */
export async function paginate<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, args: PageArgs, order: KeysetOrder<T>): Promise<Page<T>> {
  const rows = pageSize(args.first) === 0 ? [] : await entitiesOf(pageQuery(query, args, order));
  return pageOf(rows, args, order, () => query.clone().getCount());
}

/**
 * A page of rows already loaded in key order (e.g. by a DataLoader for many parents at once): the rows after
 * the cursor, compared key by key as `pageQuery` does in SQL; `totalCount` is the number of rows given.
 */
export function pageOfSorted<T>(sorted: readonly T[], args: PageArgs, order: KeysetOrder<T>): Page<T> {
  const keys = keysOf(order);
  const after = args.after
    ? cursorOfOrder(
        args.after,
        order,
        keys.map((key) => key.part),
      )
    : null;
  const beyond = (row: T): boolean => {
    if (!after) return true;
    const values = cursorValues(row, keys);
    for (const [i, key] of keys.entries()) {
      if (values[i] === after[i]) continue;
      return key.direction === 'ASC' ? values[i] > after[i] : values[i] < after[i];
    }
    return false;
  };
  const rows = sorted.filter(beyond).slice(0, pageSize(args.first) + 1);
  return pageOf(rows, args, order, () => Promise.resolve(sorted.length));
}
