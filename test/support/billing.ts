import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RequestContext, TransactionalConnection } from '../../libs/common/src/index.js';
import { AccountKind, JournalEntryKind, account } from '../../libs/ledger/src/index.js';
import { BillingCharges, PaymentPurpose, type BillingChargeResult, type CaptureHandler } from '../../libs/payments/src/index.js';
import type { TestApp } from './test-app.js';

export const REGISTER_BILLING_METHOD = `mutation($authKey: String!) { registerBillingMethod(authKey: $authKey) { id provider cardSummary usable createdAt } }`;
export const MY_BILLING_METHODS = `{ myBillingMethods { id provider cardSummary usable createdAt } }`;

/**
 * Charges as a subscription's cut-off job would, through BillingCharges in a transaction of its own, booking
 * each capture to one agency with its own capture handler (the subscription library's registered handler
 * refuses payments that are no delivery's: a capture only a sweep finds is refunded as unclaimed).
 */
export function subscriptionCharges(t: TestApp) {
  const agencyPayable = account(AccountKind.PARTNER_AGENCY_PAYABLE, randomUUID());
  const share = (amount: number) => [{ account: agencyPayable, amount }];
  const onPaid: CaptureHandler = async (_ctx, payment) => ({ entryKind: JournalEntryKind.PAYMENT_CAPTURED, credits: share(payment.amount) });
  const connection = t.app.get(TransactionalConnection);
  const inTransaction = <T>(work: (ctx: RequestContext) => Promise<T>): Promise<T> => {
    const ctx = RequestContext.system();
    return connection.withTransaction(ctx, () => work(ctx));
  };
  // One delivery per order id, as a subscription names its attempts.
  const deliveries = new Map<string, string>();
  const deliveryOf = (orderId: string) => deliveries.get(orderId) ?? deliveries.set(orderId, randomUUID()).get(orderId)!;
  return {
    agencyPayable,
    charge: (billingMethodId: string, orderId: string, amount = 32_000): Promise<BillingChargeResult> =>
      inTransaction((ctx) =>
        t.app.get(BillingCharges).charge(
          ctx,
          {
            billingMethodId,
            amount,
            orderName: '제철 꾸러미 1회차',
            orderId,
            purpose: PaymentPurpose.SUBSCRIPTION,
            referenceId: deliveryOf(orderId),
          },
          onPaid,
        ),
      ),
    reconcile: (orderId: string) => inTransaction((ctx) => t.app.get(BillingCharges).reconcile(ctx, orderId, onPaid)),
    /** The method's sealed billing key as stored (null once removed). */
    sealedKeyOf: async (billingMethodId: string): Promise<string | null> => {
      const [row] = await t.app.get(DataSource).query(`SELECT sealed_billing_key FROM billing_method WHERE id = $1`, [billingMethodId]);
      return row.sealed_billing_key;
    },
  };
}

/** A fresh order id of ours for one charge attempt. */
export const newOrderId = () => `sub_${randomUUID().replaceAll('-', '')}`;

/** Everything written through Nest's Logger from now on, level filters aside; `stop` ends the capture. */
export function captureLogs(): { text: () => string; stop: () => void } {
  const lines: string[] = [];
  const spies = (['log', 'warn', 'error', 'debug', 'verbose', 'fatal'] as const).map((level) =>
    jest.spyOn(Logger.prototype, level).mockImplementation(function (this: Logger, ...args: unknown[]) {
      lines.push(JSON.stringify(args, (_key, value: unknown) => (value instanceof Error ? `${value.message} ${value.stack}` : value)));
    }),
  );
  return { text: () => lines.join('\n'), stop: () => spies.forEach((spy) => spy.mockRestore()) };
}
