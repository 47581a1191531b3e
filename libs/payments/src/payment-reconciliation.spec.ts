import { readProviderAnswer, unbookedRefunds, type ReconciledPayment, type UnsettledCancel } from './payment-reconciliation.js';
import type { ProviderPayment } from './provider/payment-provider.js';

const ORDER = 'dure_order';
const unpaid: ReconciledPayment = { orderId: ORDER, amount: 30_000, paymentKey: null, refundedAmount: 0 };
const paid = (refundedAmount = 0): ReconciledPayment => ({ ...unpaid, paymentKey: 'pk_1', refundedAmount });
const view = (overrides: Partial<ProviderPayment> = {}): ProviderPayment => ({
  paymentKey: 'pk_1',
  orderId: ORDER,
  status: 'DONE',
  totalAmount: 30_000,
  balanceAmount: 30_000,
  approvedAt: null,
  method: null,
  ...overrides,
});

describe('readProviderAnswer', () => {
  it('takes a payment unknown to the provider, or for another order, as not found', () => {
    expect(readProviderAnswer(unpaid, 'pk_1', null)).toEqual({ kind: 'notFound', otherOrder: false });
    expect(readProviderAnswer(unpaid, 'pk_1', view({ orderId: 'dure_other' }))).toEqual({ kind: 'notFound', otherOrder: true });
  });

  it('takes a payment the provider never captured as declined', () => {
    for (const status of ['READY', 'IN_PROGRESS', 'ABORTED', 'EXPIRED'] as const) {
      expect(readProviderAnswer(unpaid, 'pk_1', view({ status }))).toEqual({ kind: 'declined' });
    }
  });

  it('books a capture we missed, with the refunds made since, only for our amount', () => {
    for (const status of ['DONE', 'PARTIAL_CANCELED', 'CANCELED'] as const) {
      expect(readProviderAnswer(unpaid, 'pk_1', view({ status }))).toMatchObject({ kind: 'captured', recordCapture: true, recordRefunds: true });
    }
    expect(readProviderAnswer(unpaid, 'pk_1', view({ totalAmount: 29_999 }))).toMatchObject({ kind: 'differentAmount' });
  });

  it('on a captured payment books only the refunds of its own key', () => {
    expect(readProviderAnswer(paid(), 'pk_1', view())).toMatchObject({ kind: 'captured', recordCapture: false, recordRefunds: true });
    expect(readProviderAnswer(paid(), 'pk_2', view({ paymentKey: 'pk_2' }))).toMatchObject({ kind: 'captured', recordCapture: false, recordRefunds: false });
  });
});

describe('unbookedRefunds', () => {
  const cancel = (amount: number, key: string): UnsettledCancel => ({ amount, refundKey: key, refundReason: `reason ${key}` });

  it('books nothing when the provider refunded no more than we did', () => {
    expect(unbookedRefunds(paid(), view(), [cancel(10_000, 'cancel:r1')])).toEqual([]);
    expect(unbookedRefunds(paid(10_000), view({ balanceAmount: 20_000 }), [])).toEqual([]);
  });

  it("books our unsettled cancel under its own key, and the rest as the provider's own refund keyed by its total", () => {
    expect(unbookedRefunds(paid(5_000), view({ status: 'PARTIAL_CANCELED', balanceAmount: 10_000 }), [cancel(10_000, 'cancel:r1')])).toEqual([
      { refundKey: 'cancel:r1', amount: 10_000, reason: 'reason cancel:r1', requestedByUs: true },
      { refundKey: 'provider:20000', amount: 5_000, reason: 'Refunded at the payment provider', requestedByUs: false },
    ]);
  });

  it('never books cancels beyond what the provider refunded, checking each against what is still missing', () => {
    const refunds = unbookedRefunds(paid(), view({ status: 'PARTIAL_CANCELED', balanceAmount: 20_000 }), [
      cancel(6_000, 'a'),
      cancel(6_000, 'b'),
      cancel(4_000, 'c'),
    ]);
    expect(refunds.map(({ refundKey, amount }) => [refundKey, amount])).toEqual([
      ['a', 6_000],
      ['c', 4_000],
    ]);
  });
});
