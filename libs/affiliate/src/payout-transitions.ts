import { StateMachine } from '../../common/src/index.js';
import { PayoutStatus } from './payout.entity.js';

export const PAYOUT_STATES = new StateMachine<PayoutStatus>('Payout', {
  [PayoutStatus.SCHEDULED]: [PayoutStatus.PAID],
});
