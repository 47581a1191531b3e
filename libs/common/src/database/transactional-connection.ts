import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager, type EntityTarget, type FindOptionsWhere, type ObjectLiteral, type Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import type { RequestContext } from '../context/request-context.js';
import { NotFoundError } from '../errors/dure-error.js';
import { DataChangeFeed } from './data-change-feed.js';
import { entityMapper } from './entity-rows.js';
import { isUuid } from './postgres-errors.js';

/**
 * A data-modifying statement sent in the same round trip as another, as a `WITH` in front of it, so that it
 * commits or rolls back with it. Its parameters are `$1`…`$n`.
 */
export interface CompanionWrite {
  sql: string;
  params: unknown[];
}

/**
 * Gives services repositories bound to the request's transaction, and opens transactions.
 * Work queued with `ctx.onCommit` runs only after a successful commit; a rollback discards it.
 */
@Injectable()
export class TransactionalConnection {
  private readonly logger = new Logger(TransactionalConnection.name);
  /** Per open transaction (its manager, which contexts sharing it hold alike): work to run just before it commits. */
  private readonly beforeCommitWork = new WeakMap<EntityManager, Array<() => Promise<void>>>();
  /** The SQL of `rowsWhereAny` per table, key column and order. */
  private readonly whereAnySql = new Map<string, string>();

  constructor(
    readonly dataSource: DataSource,
    private readonly changes: DataChangeFeed,
  ) {}

  /** Every statement of a request starts here, so none starts once the operation's time is up. */
  manager(ctx: RequestContext): EntityManager {
    ctx.checkDeadline();
    return ctx.manager ?? this.dataSource.manager;
  }

  getRepository<T extends ObjectLiteral>(ctx: RequestContext, target: EntityTarget<T>): Repository<T> {
    return this.manager(ctx).getRepository(target);
  }

  /**
   * The row whose `column` equals `key`, batched per request by DataLoader into one
   * `WHERE column = ANY(…)` query however many rows a response asks for.
   */
  loadOne<T extends ObjectLiteral>(ctx: RequestContext, target: EntityTarget<T>, column: string, key: string, keyOf: (row: T) => string): Promise<T | null> {
    return this.oneLoader(ctx, target, column, keyOf).load(key);
  }

  /** Gives `loadOne` the row (or null: none) that `key` names, read some other way in this request: loading it costs no statement. */
  primeOne<T extends ObjectLiteral>(ctx: RequestContext, target: EntityTarget<T>, column: string, key: string, row: T | null, keyOf: (row: T) => string): void {
    this.oneLoader(ctx, target, column, keyOf).clear(key).prime(key, row);
  }

  private oneLoader<T extends ObjectLiteral>(ctx: RequestContext, target: EntityTarget<T>, column: string, keyOf: (row: T) => string) {
    return ctx.loader<string, T | null>(`${this.tableOf(target)}.${column}:one`, async (keys) =>
      byKeys(keys, await this.rowsWhereAny(ctx, target, column, keys), keyOf),
    );
  }

  /** Every row whose `column` equals `key` (ordered by `orderBy`), batched per request like loadOne. */
  loadMany<T extends ObjectLiteral>(
    ctx: RequestContext,
    target: EntityTarget<T>,
    column: string,
    key: string,
    keyOf: (row: T) => string,
    orderBy: string,
  ): Promise<T[]> {
    return ctx
      .loader<string, T[]>(`${this.tableOf(target)}.${column}:many`, async (keys) =>
        groupByKeys(keys, await this.rowsWhereAny(ctx, target, column, keys, orderBy), keyOf),
      )
      .load(key);
  }

  /**
   * The row with this id, locked (SELECT … FOR UPDATE on its table) until the transaction on `ctx` ends;
   * NOT_FOUND naming it `what` when there is none. Call it inside `withTransaction`: TypeORM refuses a
   * pessimistic lock outside a transaction (PessimisticLockTransactionRequiredError).
   */
  async lock<T extends ObjectLiteral & { id: string }>(ctx: RequestContext, target: EntityTarget<T>, id: string, what: string): Promise<T> {
    const row = isUuid(id)
      ? await this.getRepository(ctx, target).createQueryBuilder('row').setLock('pessimistic_write').where('row.id = :id', { id }).getOne()
      : null;
    if (!row) throw new NotFoundError(what, id);
    return row;
  }

  /**
   * Applies `change` to a row locked in this transaction and writes the properties it assigned, with one
   * UPDATE by id (`save` would first read the row again to find what changed). `change` must assign
   * properties, not alter nested values in place; it may be async (a check that reads first). `along` travels in
   * the same statement (what must be written exactly when this change is).
   */
  async updateLocked<T extends ObjectLiteral & { id: string }>(
    ctx: RequestContext,
    target: EntityTarget<T>,
    row: T,
    change: (row: T) => unknown,
    along?: CompanionWrite,
  ): Promise<T> {
    const before: Record<string, unknown> = { ...row };
    await change(row);
    const changed = Object.fromEntries(Object.entries(row).filter(([key, value]) => !Object.is(before[key], value))) as QueryDeepPartialEntity<T>;
    const where = { id: row.id } as FindOptionsWhere<T>;
    if (!Object.keys(changed).length) {
      if (along) await this.manager(ctx).query(along.sql, along.params);
    } else if (!along) {
      await this.getRepository(ctx, target).update(where, changed);
    } else {
      const [sql, params] = this.getRepository(ctx, target).createQueryBuilder().update().set(changed).where(where).getQueryAndParameters();
      const shifted = sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + along.params.length}`);
      await this.manager(ctx).query(`WITH along AS (${along.sql}) ${shifted}`, [...along.params, ...params]);
    }
    return row;
  }

  /**
   * Writes each change (its row's `id` and the properties to set) in one UPDATE, each column from an array of the
   * rows' values, on the rows that also match `where` (SQL over the table's columns, `$1` being the ids, then
   * `whereParams`); they stay locked until the transaction ends. Answers how many rows it changed. Every change
   * sets the same properties.
   */
  async updateEach<T extends ObjectLiteral & { id: string }>(
    ctx: RequestContext,
    target: EntityTarget<T>,
    changes: ReadonlyArray<Partial<T> & { id: string }>,
    where = 'TRUE',
    whereParams: unknown[] = [],
  ): Promise<number> {
    const metadata = this.dataSource.getMetadata(target);
    const driver = this.dataSource.driver;
    const properties = Object.keys(changes[0]).filter((property) => property !== 'id');
    const params: unknown[] = [changes.map((change) => change.id), ...whereParams];
    const sets = properties.map((property) => {
      const column = metadata.findColumnWithPropertyName(property);
      if (!column) throw new Error(`${metadata.name} has no column ${property}`);
      params.push(changes.map((change) => driver.preparePersistentValue(change[property], column)));
      return `"${column.databaseName}" = ($${params.length}::${driver.normalizeType(column)}[])[array_position($1::uuid[], id)]`;
    });
    const [, affected]: [unknown[], number] = await this.manager(ctx).query(
      `UPDATE "${metadata.tableName}" SET ${sets.join(', ')} WHERE id = ANY($1::uuid[]) AND (${where})`,
      params,
    );
    return affected;
  }

  private tableOf(target: EntityTarget<ObjectLiteral>): string {
    return this.dataSource.getMetadata(target).tableName;
  }

  /**
   * The rows whose `column` is one of `keys`: the loaders' statement, whose SQL is built by the query builder once
   * per table, column and order and whose rows are mapped without TypeORM's hydration (`entityMapper`).
   */
  private async rowsWhereAny<T extends ObjectLiteral>(
    ctx: RequestContext,
    target: EntityTarget<T>,
    column: string,
    keys: readonly string[],
    orderBy?: string,
  ): Promise<T[]> {
    const metadata = this.dataSource.getMetadata(target);
    const statement = `${metadata.tableName}.${column}:${orderBy ?? ''}`;
    let sql = this.whereAnySql.get(statement);
    if (!sql) {
      const query = this.dataSource.createQueryBuilder(target, 'row').where(`row.${column} = ANY(:keys)`, { keys: [] });
      if (orderBy) query.orderBy(`row.${orderBy}`);
      [sql] = query.getQueryAndParameters();
      this.whereAnySql.set(statement, sql);
    }
    return entityMapper<T>(metadata, 'row')(await this.manager(ctx).query(sql, [[...keys]]));
  }

  /**
   * Runs `work` in the transaction open on `ctx` once everything else in it has run, just before it commits
   * (statements gathered over the transaction, written at once); at once when none is open.
   */
  async beforeCommit(ctx: RequestContext, work: () => Promise<void>): Promise<void> {
    if (!ctx.manager) return work();
    const queued = this.beforeCommitWork.get(ctx.manager);
    if (queued) queued.push(work);
    else this.beforeCommitWork.set(ctx.manager, [work]);
  }

  /** Runs `work` in a transaction on `ctx`; joins the one already open. */
  async withTransaction<T>(ctx: RequestContext, work: () => Promise<T>): Promise<T> {
    if (ctx.manager) return work();
    let result: T;
    try {
      result = await this.dataSource.transaction(async (manager) => {
        ctx.manager = manager;
        try {
          const done = await work();
          let task: (() => Promise<void>) | undefined;
          while ((task = this.beforeCommitWork.get(manager)?.shift())) await task();
          return done;
        } finally {
          ctx.manager = undefined;
        }
      });
    } catch (error) {
      ctx.discardAfterCommitWork();
      throw error;
    }
    this.changes.committed();
    for (const task of ctx.takeAfterCommitWork()) {
      try {
        await task();
      } catch (error) {
        this.logger.error({ err: error, requestId: ctx.requestId }, 'after-commit work failed');
      }
    }
    return result;
  }
}

/** Orders rows fetched by `ANY($ids)` back into the order DataLoader asked for; missing ones are null. */
function byKeys<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): Array<V | null> {
  const map = new Map(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => map.get(key) ?? null);
}

/** Groups rows under the key each belongs to, in key order (for one-to-many DataLoaders). */
function groupByKeys<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): V[][] {
  const map = new Map<K, V[]>(keys.map((key) => [key, []]));
  for (const row of rows) map.get(keyOf(row))?.push(row);
  return keys.map((key) => map.get(key)!);
}
