import { Injectable } from '@nestjs/common';
import { ClockService, StateMachine, StatusTransitions, TransactionalConnection } from '../../common/src/index.js';
import { Commission, CommissionStatus } from './commission.entity.js';

const { PENDING, APPROVED, PAID, REVERSED } = CommissionStatus;

/** A partial refund changes `reversedAmount`, not the status; a full one reverses the commission. */
export const COMMISSION_STATES = new StateMachine<CommissionStatus>('Commission', {
  [PENDING]: [APPROVED, REVERSED],
  [APPROVED]: [PAID, REVERSED],
});

@Injectable()
export class CommissionTransitions extends StatusTransitions<CommissionStatus, Commission> {
  constructor(connection: TransactionalConnection, clock: ClockService) {
    super(connection, clock, Commission, COMMISSION_STATES, { changedAt: 'updatedAt', enteredAt: { [APPROVED]: 'approvedAt', [PAID]: 'paidAt' } });
  }
}
