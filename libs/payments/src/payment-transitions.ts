import { Injectable } from '@nestjs/common';
import { ClockService, StateMachine, StatusTransitions, TransactionalConnection } from '../../common/src/index.js';
import { Payment, PaymentStatus } from './payment.entity.js';

const { READY, PAID, FAILED, PARTIALLY_REFUNDED, REFUNDED } = PaymentStatus;

/**
 * FAILED → PAID exists for one case only: reconciliation finds that the provider captured a payment
 * whose purpose had already lapsed; it is recorded, then refunded in full.
 */
const PAYMENT_STATES = new StateMachine<PaymentStatus>('Payment', {
  [READY]: [PAID, FAILED],
  [FAILED]: [PAID],
  [PAID]: [PARTIALLY_REFUNDED, REFUNDED],
  [PARTIALLY_REFUNDED]: [PARTIALLY_REFUNDED, REFUNDED],
});

@Injectable()
export class PaymentTransitions extends StatusTransitions<PaymentStatus, Payment> {
  constructor(connection: TransactionalConnection, clock: ClockService) {
    super(connection, clock, Payment, PAYMENT_STATES, { changedAt: 'updatedAt' });
  }
}

/** The status after a refund that brings the refunded total to `refundedAmount`. */
export function statusAfterRefund(amount: number, refundedAmount: number): PaymentStatus {
  return refundedAmount >= amount ? REFUNDED : PARTIALLY_REFUNDED;
}
