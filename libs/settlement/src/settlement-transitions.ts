import { Injectable } from '@nestjs/common';
import { ClockService, StateMachine, StatusTransitions, TransactionalConnection } from '../../common/src/index.js';
import { SettlementStatement, SettlementStatus } from './settlement-statement.entity.js';

/** docs/RULES.md §22's statement table. */
const SETTLEMENT_STATES = new StateMachine<SettlementStatus>('SettlementStatement', {
  [SettlementStatus.DRAFT]: [SettlementStatus.ISSUED],
  [SettlementStatus.ISSUED]: [SettlementStatus.DISPUTED, SettlementStatus.PAID, SettlementStatus.CARRIED_OVER],
  [SettlementStatus.DISPUTED]: [SettlementStatus.ISSUED],
});

@Injectable()
export class SettlementTransitions extends StatusTransitions<SettlementStatus, SettlementStatement> {
  constructor(connection: TransactionalConnection, clock: ClockService) {
    super(connection, clock, SettlementStatement, SETTLEMENT_STATES, {
      changedAt: 'updatedAt',
      enteredAt: { [SettlementStatus.PAID]: 'paidAt' },
    });
  }
}
