import type { EntityTarget } from 'typeorm';
import { ClockService, RequestContext, StateMachine, TransactionalConnection } from '../../common/src/index.js';

interface StatusRow<S extends string> {
  id: string;
  status: S;
  updatedAt: Date;
}

/**
 * The one way a booking row's status changes: the row is locked (SELECT … FOR UPDATE) until the
 * transaction ends, the move is checked against the entity's transitions table (INVALID_STATE,
 * nothing changed), the event's own change is applied, then the changed columns are written.
 */
export class StatusTransitions<S extends string, T extends StatusRow<S>> {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
    private readonly entity: EntityTarget<T>,
    private readonly entityName: string,
    readonly machine: StateMachine<S>,
  ) {}

  lock(ctx: RequestContext, id: string): Promise<T> {
    return this.connection.lock(ctx, this.entity, id, this.entityName);
  }

  /** `row` must have been locked in this transaction. */
  async apply(ctx: RequestContext, row: T, to: S, change?: (row: T) => void): Promise<T> {
    this.machine.assert(row.status, to);
    return this.connection.updateLocked(ctx, this.entity, row, (locked) => {
      change?.(locked);
      locked.status = to;
      locked.updatedAt = this.clock.now();
    });
  }
}
