import type { Counter, Histogram } from 'prom-client';
import { secondsSince, type Metrics } from '../../../common/src/index.js';
import {
  PaymentProviderError,
  type CancelRequest,
  type ChargeBillingKeyRequest,
  type ConfirmRequest,
  type IssueBillingKeyRequest,
  type PaymentProvider,
  type ProviderBillingKey,
  type ProviderPayment,
} from './payment-provider.js';

type Call = 'confirm' | 'cancel' | 'get' | 'get_by_order_id' | 'issue_billing_key' | 'charge_billing_key';

/**
 * Counts and times every call to the configured provider by call and outcome: `success`, the failure
 * kind in lower case (`declined`, `unavailable`, `unknown`, `invalid_request`, `not_found`), or `error`
 * for anything else thrown. Wraps the port, so no provider needs to know.
 */
export class MeteredPaymentProvider implements PaymentProvider {
  private readonly calls: Counter<'provider' | 'call' | 'outcome'>;
  private readonly duration: Histogram<'provider' | 'call'>;

  constructor(
    /** The provider itself (tests reach the simulated one's knobs through it). */
    readonly inner: PaymentProvider,
    metrics: Metrics,
  ) {
    this.calls = metrics.counter({
      name: 'dure_payment_provider_calls_total',
      help: 'Calls to the payment provider by provider, call and outcome.',
      labelNames: ['provider', 'call', 'outcome'] as const,
    });
    this.duration = metrics.histogram({
      name: 'dure_payment_provider_call_duration_seconds',
      help: 'Calls to the payment provider by provider and call, whatever their outcome.',
      labelNames: ['provider', 'call'] as const,
    });
  }

  get name(): string {
    return this.inner.name;
  }

  confirm(request: ConfirmRequest): Promise<ProviderPayment> {
    return this.measure('confirm', () => this.inner.confirm(request));
  }

  cancel(request: CancelRequest): Promise<ProviderPayment> {
    return this.measure('cancel', () => this.inner.cancel(request));
  }

  get(paymentKey: string): Promise<ProviderPayment> {
    return this.measure('get', () => this.inner.get(paymentKey));
  }

  getByOrderId(orderId: string): Promise<ProviderPayment> {
    return this.measure('get_by_order_id', () => this.inner.getByOrderId(orderId));
  }

  issueBillingKey(request: IssueBillingKeyRequest): Promise<ProviderBillingKey> {
    return this.measure('issue_billing_key', () => this.inner.issueBillingKey(request));
  }

  chargeBillingKey(request: ChargeBillingKeyRequest): Promise<ProviderPayment> {
    return this.measure('charge_billing_key', () => this.inner.chargeBillingKey(request));
  }

  private async measure<T>(call: Call, work: () => Promise<T>): Promise<T> {
    const startedAt = performance.now();
    let outcome = 'success';
    try {
      return await work();
    } catch (error) {
      outcome = error instanceof PaymentProviderError ? error.kind.toLowerCase() : 'error';
      throw error;
    } finally {
      const provider = this.inner.name;
      this.calls.inc({ provider, call, outcome });
      this.duration.observe({ provider, call }, secondsSince(startedAt));
    }
  }
}
