import { StateMachine } from '../../common/src/index.js';
import { MarketCreatorStatus } from './market-creator.entity.js';

const { PENDING_REVIEW, ACTIVE, REJECTED, SUSPENDED } = MarketCreatorStatus;

/** A rejected user may apply again (INDIVIDUAL applications are approved at once, the others reviewed). */
export const MARKET_CREATOR_STATES = new StateMachine<MarketCreatorStatus>('Market creator', {
  [PENDING_REVIEW]: [ACTIVE, REJECTED],
  [REJECTED]: [PENDING_REVIEW, ACTIVE],
  [ACTIVE]: [SUSPENDED],
  [SUSPENDED]: [ACTIVE],
});
