import type { EntityTarget } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import type { ClockService } from '../clock/clock.service.js';
import type { RequestContext } from '../context/request-context.js';
import type { CompanionWrite, TransactionalConnection } from '../database/transactional-connection.js';
import { InvalidStateError } from '../errors/dure-error.js';
import type { LiveUpdates } from '../live/live-updates.js';
import type { StateMachine } from './state-machine.js';

export interface StatusRow<S extends string> {
  id: string;
  status: S;
}

/** The properties of `T` holding an instant. */
type InstantOf<T> = { [K in keyof T]-?: Date extends T[K] ? K : never }[keyof T];

/** The columns a move sets to the clock's now. */
export interface StatusStamps<S extends string, T> {
  /** On every move: `updatedAt`, `statusChangedAt`. */
  changedAt?: InstantOf<T>;
  /** On entering a status: `{ PAID: 'paidAt' }`. */
  enteredAt?: Partial<Record<S, InstantOf<T>>>;
}

/**
 * Where committed moves are announced for live updates (docs/RULES.md §31): on `topic`, keyed by the moved
 * row's id. Given to the transitions of a subscribable entity, so every move announces itself, whoever made
 * it (a mutation, a job, a webhook), once its transaction commits.
 */
export interface LiveStatus {
  updates: LiveUpdates;
  topic: string;
}

/**
 * An event's own checks and changes, run on the locked row after the table allowed the move and before
 * the status is set; throwing (a guard's refusal, with its reason) aborts the move with nothing written.
 */
export type StatusChange<T> = (row: T) => unknown;

/**
 * The one way a status changes (enforced by the lint rule in eslint.config.js): the row is locked
 * (SELECT … FOR UPDATE) until the transaction ends, the move is checked against the entity's transitions
 * table (INVALID_STATE, nothing changed), the event's change runs, then the status and its stamps are set
 * and only the changed columns are written.
 */
export class StatusTransitions<S extends string, T extends StatusRow<S>> {
  constructor(
    protected readonly connection: TransactionalConnection,
    protected readonly clock: ClockService,
    private readonly entity: EntityTarget<T>,
    readonly machine: StateMachine<S>,
    private readonly stamps: StatusStamps<S, T> = {},
    private readonly live?: LiveStatus,
  ) {}

  /** The row, locked until the transaction ends; NOT_FOUND when there is none. */
  lock(ctx: RequestContext, id: string): Promise<T> {
    return this.connection.lock(ctx, this.entity, id, this.machine.entityName);
  }

  /** Locks the row, then applies the move: for callers that have not locked it already. */
  async transition(ctx: RequestContext, id: string, to: S, change?: StatusChange<T>): Promise<T> {
    return this.apply(ctx, await this.lock(ctx, id), to, change);
  }

  /** `row` must have been locked in this transaction; `along` is written in the move's statement (see CompanionWrite). */
  async apply(ctx: RequestContext, row: T, to: S, change?: StatusChange<T>, along?: CompanionWrite): Promise<T> {
    this.machine.assert(row.status, to);
    const saved = await this.connection.updateLocked(
      ctx,
      this.entity,
      row,
      async (locked) => {
        await change?.(locked);
        Object.assign(locked, this.moveTo(to));
      },
      along,
    );
    this.announce(ctx, [row.id]);
    return saved;
  }

  /**
   * Moves every row of `ids` to `to` in one statement that only touches rows whose status the table lets
   * move there; when it touched fewer than all, INVALID_STATE rolls the whole transaction back.
   */
  async applyToAll(ctx: RequestContext, ids: readonly string[], to: S): Promise<void> {
    if (!ids.length) return;
    await this.connection.withTransaction(ctx, async () => {
      const { affected } = await this.connection
        .getRepository(ctx, this.entity)
        .createQueryBuilder()
        .update()
        .set(this.moveTo(to) as QueryDeepPartialEntity<T>)
        .where('id = ANY(:ids) AND status = ANY(:from)', { ids: [...ids], from: this.machine.sourcesOf(to) })
        .execute();
      this.assertMovedAll(affected ?? 0, ids.length, to);
      this.announce(ctx, ids);
    });
  }

  /**
   * Moves every row of `rows` (read in this transaction; not locked yet) to `to`, each with its own `values`, in one
   * statement that locks them and only touches rows whose status the table lets move there; when it touched fewer
   * than all, INVALID_STATE rolls the whole transaction back. Answers the rows as written.
   */
  async applyEach(ctx: RequestContext, rows: readonly T[], to: S, values: (row: T, index: number) => Partial<T>): Promise<T[]> {
    if (!rows.length) return [];
    for (const row of rows) this.machine.assert(row.status, to);
    const move = this.moveTo(to);
    const changes = rows.map((row, index) => ({ ...values(row, index), ...move, id: row.id }));
    await this.connection.withTransaction(ctx, async () => {
      const affected = await this.connection.updateEach(ctx, this.entity, changes, 'status = ANY($2)', [this.machine.sourcesOf(to)]);
      this.assertMovedAll(affected, rows.length, to);
      this.announce(
        ctx,
        changes.map((change) => change.id),
      );
    });
    return rows.map((row, index) => Object.assign(row, changes[index]));
  }

  /** A statement that moved fewer rows than asked met a status the table does not let move: the caller's transaction rolls back. */
  private assertMovedAll(affected: number, asked: number, to: S): void {
    if (affected !== asked) throw new InvalidStateError(`${asked - affected} of ${asked} ${this.machine.entityName} rows cannot go to ${to}`);
  }

  /** Each moved row on the live-update topic, after commit (nothing for a rolled-back move). */
  private announce(ctx: RequestContext, ids: readonly string[]): void {
    if (!this.live) return;
    for (const id of ids) this.live.updates.publish(ctx, this.live.topic, id, id);
  }

  /** The status and the stamps of a move to `to`. */
  private moveTo(to: S): Partial<T> {
    const now = this.clock.now();
    const stamped = [this.stamps.changedAt, this.stamps.enteredAt?.[to]].filter((column) => column !== undefined);
    return { ...Object.fromEntries(stamped.map((column) => [column, now])), status: to } as Partial<T>;
  }
}
