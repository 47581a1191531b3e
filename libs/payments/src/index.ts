export * from './payment-method.js';
export * from './payment.entity.js';
export { PaymentAttempt, AttemptOperation, AttemptOutcome } from './payment-attempt.entity.js';
export { PaymentRefund } from './payment-refund.entity.js';
export type { AllocationLine, CaptureHandler, PaymentAllocation, PaymentPurposeHandler, RefundHandler } from './payment-purpose.js';
export * from './payment.service.js';
export * from './payment-reconciliation.service.js';
export * from './payments.module.js';
export * from './provider/payment-provider.js';
export { MeteredPaymentProvider } from './provider/metered-payment-provider.js';
export {
  SimulatedPaymentsProvider,
  SIMULATED_CHARGE_FAIL_PREFIX,
  SIMULATED_DECLINE_PREFIX,
  SIMULATED_ERROR_PREFIX,
  SIMULATED_TRANSFER_PREFIX,
} from './provider/simulated/simulated-payments.provider.js';
export { Payments1763900003000 } from './migrations/1763900003000-payments.js';
export { TossPaymentsProvider } from './provider/toss/toss-payments.provider.js';
export { CheckoutPurpose1764200100000 } from './migrations/1764200100000-checkout-purpose.js';
export { BillingAuthRequest, BillingCustomer, BillingMethod } from './billing-method.entity.js';
export { BillingMethodService, type BillingMethodRemovalGuard } from './billing-methods.service.js';
export { BillingCharges, type BillingChargeInput, type BillingChargeResult } from './billing-charges.js';
export { BillingMethods1796508160576 } from './migrations/1796508160576-billing-methods.js';
export { PaymentMethod1796510267846 } from './migrations/1796510267846-payment-method.js';
