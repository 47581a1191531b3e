import { Module } from '@nestjs/common';
import { AutonomousConnection, ClockService, DureConfig, Metrics } from '../../common/src/index.js';
import { LedgerModule } from '../../ledger/src/index.js';
import { BillingCharges } from './billing-charges.js';
import { BillingKeyCipher } from './billing-key-cipher.js';
import { BillingMethodResolver } from './billing-method.resolver.js';
import { BillingMethodService } from './billing-methods.service.js';
import { PaymentAttemptLog } from './payment-attempt-log.js';
import { PaymentBooks } from './payment-books.js';
import { PaymentReconciliationService } from './payment-reconciliation.service.js';
import { PaymentWebhookController } from './payment-webhook.controller.js';
import { PaymentTransitions } from './payment-transitions.js';
import { PaymentService } from './payment.service.js';
import { MeteredPaymentProvider } from './provider/metered-payment-provider.js';
import { PAYMENT_PROVIDER, type PaymentProvider } from './provider/payment-provider.js';
import { SimulatedPaymentsProvider } from './provider/simulated/simulated-payments.provider.js';
import { TossPaymentsProvider } from './provider/toss/toss-payments.provider.js';

function configuredProvider(config: DureConfig, autonomous: AutonomousConnection, clock: ClockService): PaymentProvider {
  if (config.paymentProvider === 'toss') {
    return new TossPaymentsProvider({ secretKey: config.tossSecretKey!, baseUrl: config.tossApiBaseUrl, timeoutMs: config.paymentProviderTimeoutMs });
  }
  return new SimulatedPaymentsProvider(autonomous, clock, config.paymentSimulatedLatencyMs);
}

function providerFor(config: DureConfig, autonomous: AutonomousConnection, clock: ClockService, metrics: Metrics): PaymentProvider {
  return new MeteredPaymentProvider(configuredProvider(config, autonomous, clock), metrics);
}

export const PAYMENTS_RESOLVERS = [BillingMethodResolver];

/** Payments through the configured provider; other libraries use PaymentService. */
@Module({
  imports: [LedgerModule],
  controllers: [PaymentWebhookController],
  providers: [
    { provide: PAYMENT_PROVIDER, inject: [DureConfig, AutonomousConnection, ClockService, Metrics], useFactory: providerFor },
    PaymentTransitions,
    PaymentBooks,
    PaymentAttemptLog,
    PaymentService,
    PaymentReconciliationService,
    BillingKeyCipher,
    BillingMethodService,
    ...PAYMENTS_RESOLVERS,
    BillingCharges,
  ],
  exports: [PaymentService, PaymentReconciliationService, BillingMethodService, BillingCharges],
})
export class PaymentsModule {}
