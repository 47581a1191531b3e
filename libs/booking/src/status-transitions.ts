import type { EntityTarget } from 'typeorm';
import { ClockService, NotFoundError, RequestContext, StateMachine, TransactionalConnection, isUuid } from '../../common/src/index.js';

interface StatusRow<S extends string> {
  id: string;
  status: S;
  updatedAt: Date;
}

/**
 * The one way a booking row's status changes: the row is locked (SELECT … FOR UPDATE) until the
 * transaction ends, the move is checked against the entity's transitions table (INVALID_STATE,
 * nothing changed), the event's own change is applied, then the row is saved.
 */
export class StatusTransitions<S extends string, T extends StatusRow<S>> {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
    private readonly entity: EntityTarget<T>,
    private readonly entityName: string,
    readonly machine: StateMachine<S>,
  ) {}

  async lock(ctx: RequestContext, id: string): Promise<T> {
    const row = isUuid(id)
      ? await this.connection.getRepository(ctx, this.entity).createQueryBuilder('row').setLock('pessimistic_write').where('row.id = :id', { id }).getOne()
      : null;
    if (!row) throw new NotFoundError(this.entityName, id);
    return row;
  }

  /** `row` must have been locked in this transaction. */
  async apply(ctx: RequestContext, row: T, to: S, change?: (row: T) => void): Promise<T> {
    this.machine.assert(row.status, to);
    change?.(row);
    row.status = to;
    row.updatedAt = this.clock.now();
    return this.connection.getRepository(ctx, this.entity).save(row);
  }
}
