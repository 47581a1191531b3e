export * from './delivery-deadlines.js';
export * from './delivery-schedule.js';
export * from './subscriptions.module.js';
export * from './box-subscription.entity.js';
export * from './subscription-cycle.entity.js';
export * from './subscription-transitions.js';
export * from './subscription-reads.service.js';
export * from './subscription-cancellations.js';
export * from './subscription-controls.service.js';
export * from './subscription-price-changes.js';
export * from './subscription-listing-events.js';
export { UpdateSubscriptionInput } from './subscription-controls.resolver.js';
export { SubscriptionIdempotencyKey } from './subscription-idempotency-key.entity.js';
export { BoxSubscriptionConnection, SubscriptionCycleConnection, UpcomingDelivery } from './box-subscription.resolver.js';
export { Subscriptions1796517735912 } from './migrations/1796517735912-subscriptions.js';
export {
  SubscriptionCharges,
  SUBSCRIPTION_CUTOFF_JOB,
  SUBSCRIPTION_RETRY_JOB,
  SUBSCRIPTION_RETRY_DAYS,
  chargeOrderId,
  retryAt,
} from './subscription-charges.js';
export { SubscribeInput } from './dto/subscribe.input.js';
