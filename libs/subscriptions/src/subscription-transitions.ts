import { Injectable } from '@nestjs/common';
import { ClockService, StateMachine, StatusTransitions, TransactionalConnection } from '../../common/src/index.js';
import { BoxSubscription, SubscriptionStatus as S } from './box-subscription.entity.js';
import { SubscriptionCycle, SubscriptionCycleStatus as C } from './subscription-cycle.entity.js';

/**
 * docs/RULES.md §20's table. A subscription is born ACTIVE (its first charge paid); the events of each move
 * (pause, resume, a declined cutoff, a successful retry, the last retry failing, cancellation, an unaccepted
 * increase, the listing ending) are the callers' checks.
 */
export const SUBSCRIPTION_STATES = new StateMachine<S>('BoxSubscription', {
  [S.ACTIVE]: [S.PAUSED, S.PAST_DUE, S.CANCELLED],
  [S.PAUSED]: [S.ACTIVE, S.CANCELLED],
  [S.PAST_DUE]: [S.ACTIVE, S.CANCELLED],
});

/** A cycle is born PAID, PAST_DUE or SKIPPED at its cutoff; only a PAST_DUE one moves on (paid by a retry, or FAILED). */
export const CYCLE_STATES = new StateMachine<C>('SubscriptionCycle', {
  [C.PAST_DUE]: [C.PAID, C.FAILED],
});

@Injectable()
export class SubscriptionTransitions extends StatusTransitions<S, BoxSubscription> {
  constructor(connection: TransactionalConnection, clock: ClockService) {
    super(connection, clock, BoxSubscription, SUBSCRIPTION_STATES, { changedAt: 'updatedAt' });
  }
}

@Injectable()
export class SubscriptionCycleTransitions extends StatusTransitions<C, SubscriptionCycle> {
  constructor(connection: TransactionalConnection, clock: ClockService) {
    super(connection, clock, SubscriptionCycle, CYCLE_STATES, { changedAt: 'updatedAt' });
  }
}
