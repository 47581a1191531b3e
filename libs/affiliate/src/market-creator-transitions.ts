import { Injectable } from '@nestjs/common';
import { ClockService, StateMachine, StatusTransitions, TransactionalConnection } from '../../common/src/index.js';
import { MarketCreator, MarketCreatorStatus } from './market-creator.entity.js';

const { PENDING_REVIEW, ACTIVE, REJECTED, SUSPENDED } = MarketCreatorStatus;

/** A rejected user may apply again (INDIVIDUAL applications are approved at once, the others reviewed). */
const MARKET_CREATOR_STATES = new StateMachine<MarketCreatorStatus>('Market creator', {
  [PENDING_REVIEW]: [ACTIVE, REJECTED],
  [REJECTED]: [PENDING_REVIEW, ACTIVE],
  [ACTIVE]: [SUSPENDED],
  [SUSPENDED]: [ACTIVE],
});

@Injectable()
export class MarketCreatorTransitions extends StatusTransitions<MarketCreatorStatus, MarketCreator> {
  constructor(connection: TransactionalConnection, clock: ClockService) {
    super(connection, clock, MarketCreator, MARKET_CREATOR_STATES, { changedAt: 'updatedAt' });
  }
}
