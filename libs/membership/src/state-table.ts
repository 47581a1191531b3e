import { InvalidStateError } from '../../common/src/index.js';

/** The allowed moves of one entity's status: `{ FROM: [TO, …] }`. A status missing as a key is final. */
export type Transitions<S extends string> = Readonly<Partial<Record<S, readonly S[]>>>;

/** INVALID_STATE for a move the table does not allow. */
export function assertTransition<S extends string>(entityName: string, table: Transitions<S>, from: S, to: S): void {
  if (!table[from]?.includes(to)) throw new InvalidStateError(`${entityName} cannot go from ${from} to ${to}`);
}
