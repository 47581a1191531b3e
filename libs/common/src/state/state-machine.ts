import { InvalidStateError } from '../errors/dure-error.js';

/** The allowed moves of one entity's status: `{ FROM: [TO, …] }`. A status missing as a key is final. */
export type Transitions<S extends string> = Readonly<Partial<Record<S, readonly S[]>>>;

/** One entity's transitions table; `StatusTransitions` applies its moves to rows. */
export class StateMachine<S extends string> {
  constructor(
    readonly entityName: string,
    private readonly transitions: Transitions<S>,
  ) {}

  can(from: S, to: S): boolean {
    return this.transitions[from]?.includes(to) ?? false;
  }

  /** Every status the table allows to move to `to`. */
  sourcesOf(to: S): S[] {
    return (Object.keys(this.transitions) as S[]).filter((from) => this.can(from, to));
  }

  /** INVALID_STATE for a move the table does not allow. */
  assert(from: S, to: S): void {
    if (!this.can(from, to)) throw new InvalidStateError(`${this.entityName} cannot go from ${from} to ${to}`);
  }
}
