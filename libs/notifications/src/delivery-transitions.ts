import { Injectable } from '@nestjs/common';
import { ClockService, StateMachine, StatusTransitions, TransactionalConnection } from '../../common/src/index.js';
import { DeliveryStatus as S } from './notification-kind.js';
import { NotificationDelivery } from './notification-delivery.entity.js';

/** SENT and FAILED are final: a delivery is sent at most once and a failure is never silently retried away. */
const DELIVERY_STATES = new StateMachine<S>('Notification delivery', {
  [S.PENDING]: [S.SENT, S.FAILED],
});

@Injectable()
export class DeliveryTransitions extends StatusTransitions<S, NotificationDelivery> {
  constructor(connection: TransactionalConnection, clock: ClockService) {
    super(connection, clock, NotificationDelivery, DELIVERY_STATES, { enteredAt: { [S.SENT]: 'sentAt', [S.FAILED]: 'failedAt' } });
  }
}
