import { randomUUID } from 'node:crypto';
import { RequestContext, TransactionalConnection } from '../../libs/common/src/index.js';
import { AccountKind, JournalEntryKind, account } from '../../libs/ledger/src/index.js';
import { PaymentPurpose, PaymentService, type Payment } from '../../libs/payments/src/index.js';
import type { TestApp } from './test-app.js';

const feeOf = (amount: number) => Math.floor((amount * 800) / 10_000);

/**
 * Stands in for a selling library in payment tests: registers the ORDER purpose (one agency, an 8 %
 * fee) and records which payments it was told about; references in `refused` lapsed, so their money is refused.
 */
export function orderPurpose(t: TestApp) {
  const payments = t.app.get(PaymentService);
  const connection = t.app.get(TransactionalConnection);
  const agencyId = randomUUID();
  const paid: string[] = [];
  const refused = new Set<string>();
  const split = (amount: number) =>
    [
      { account: account(AccountKind.PARTNER_AGENCY_PAYABLE, agencyId), amount: amount - feeOf(amount) },
      { account: account(AccountKind.PLATFORM_REVENUE_FEES), amount: feeOf(amount) },
    ].filter((line) => line.amount > 0);
  payments.registerPurpose(PaymentPurpose.ORDER, {
    async onPaid(_ctx, payment) {
      paid.push(payment.id);
      return refused.has(payment.referenceId) ? null : { entryKind: JournalEntryKind.PAYMENT_CAPTURED, credits: split(payment.amount) };
    },
    async onRefunded(_ctx, _payment, amount) {
      return split(amount);
    },
  });

  /** Like a mutation: its own context and transaction. */
  const inTransaction = <T>(work: (ctx: RequestContext) => Promise<T>): Promise<T> => {
    const ctx = RequestContext.system();
    return connection.withTransaction(ctx, () => work(ctx));
  };
  return {
    agencyPayable: account(AccountKind.PARTNER_AGENCY_PAYABLE, agencyId),
    feeOf,
    paid,
    refused,
    inTransaction,
    newPayment: (amount = 10_000, referenceId?: string) =>
      inTransaction((ctx) =>
        payments.createPayment(ctx, { purpose: PaymentPurpose.ORDER, referenceId: referenceId ?? randomUUID(), amount, orderName: '돌봄 서비스 2시간' }),
      ),
    confirm: (payment: Payment, paymentKey: string) => inTransaction((ctx) => payments.confirm(ctx, { paymentId: payment.id, paymentKey })),
    refund: (payment: Payment, amount: number, refundKey?: string) =>
      inTransaction((ctx) => payments.refund(ctx, { paymentId: payment.id, amount, reason: '고객 요청', refundKey: refundKey ?? randomUUID() })),
    reload: async (payment: Payment) => (await payments.load(RequestContext.system(), payment.id))!,
  };
}

/** The error code a call failed with, or undefined when it succeeded. */
export async function failureCodeOf(work: Promise<unknown>): Promise<string | undefined> {
  const error = await work.then(
    () => null,
    (caught: unknown) => caught,
  );
  return (error as { code?: string } | null)?.code;
}
