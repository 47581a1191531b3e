import { InvalidStateError } from '../errors/dure-error.js';

/** The allowed moves of one entity's status: `{ FROM: [TO, …] }`. A status missing as a key is final. */
export type Transitions<S extends string> = Readonly<Partial<Record<S, readonly S[]>>>;

/**
 * One entity's transitions table. Services apply a transition in one function that locks the row,
 * calls `assert` and only then writes the new status.
 */
export class StateMachine<S extends string> {
  constructor(
    private readonly entityName: string,
    private readonly transitions: Transitions<S>,
  ) {}

  can(from: S, to: S): boolean {
    return this.transitions[from]?.includes(to) ?? false;
  }

  /** INVALID_STATE for a move the table does not allow. */
  assert(from: S, to: S): void {
    if (!this.can(from, to)) throw new InvalidStateError(`${this.entityName} cannot go from ${from} to ${to}`);
  }
}
