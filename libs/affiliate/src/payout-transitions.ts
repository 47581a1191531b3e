import { Injectable } from '@nestjs/common';
import { ClockService, StateMachine, StatusTransitions, TransactionalConnection } from '../../common/src/index.js';
import { Payout, PayoutStatus } from './payout.entity.js';

const PAYOUT_STATES = new StateMachine<PayoutStatus>('Payout', {
  [PayoutStatus.SCHEDULED]: [PayoutStatus.PAID],
});

@Injectable()
export class PayoutTransitions extends StatusTransitions<PayoutStatus, Payout> {
  constructor(connection: TransactionalConnection, clock: ClockService) {
    super(connection, clock, Payout, PAYOUT_STATES, { enteredAt: { [PayoutStatus.PAID]: 'paidAt' } });
  }
}
