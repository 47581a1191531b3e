import { PaymentStatus } from './payment.entity.js';
import { refundRefusal, type RefundablePayment } from './refund-bounds.js';

const paid = (refundedAmount = 0): RefundablePayment => ({
  status: refundedAmount ? PaymentStatus.PARTIALLY_REFUNDED : PaymentStatus.PAID,
  amount: 30_000,
  refundedAmount,
});

describe('refundRefusal', () => {
  it('lets a whole amount from 1 won up to what remains go to the provider', () => {
    expect(refundRefusal(paid(), 1)).toBeNull();
    expect(refundRefusal(paid(), 30_000)).toBeNull();
    expect(refundRefusal(paid(10_000), 20_000)).toBeNull();
  });

  it('refuses more than remains, nothing, a negative or a fraction of a won as BAD_USER_INPUT on amount', () => {
    for (const [payment, amount] of [
      [paid(10_000), 20_001],
      [paid(), 0],
      [paid(), -1],
      [paid(), 0.5],
      [paid(), Number.NaN],
    ] as const) {
      expect(refundRefusal(payment, amount)).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'amount', message: expect.stringContaining(`${30_000 - payment.refundedAmount} won`) }],
      });
    }
  });

  it('refuses a payment that holds no captured money as INVALID_STATE, whatever the amount', () => {
    for (const status of [PaymentStatus.READY, PaymentStatus.FAILED, PaymentStatus.REFUNDED]) {
      expect(refundRefusal({ status, amount: 30_000, refundedAmount: 0 }, 1)).toMatchObject({ code: 'INVALID_STATE' });
    }
  });
});
