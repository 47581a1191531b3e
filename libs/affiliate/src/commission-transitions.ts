import { StateMachine } from '../../common/src/index.js';
import { CommissionStatus } from './commission.entity.js';

const { PENDING, APPROVED, PAID, REVERSED } = CommissionStatus;

/** A partial refund changes `reversedAmount`, not the status; a full one reverses the commission. */
export const COMMISSION_STATES = new StateMachine<CommissionStatus>('Commission', {
  [PENDING]: [APPROVED, REVERSED],
  [APPROVED]: [PAID, REVERSED],
});
