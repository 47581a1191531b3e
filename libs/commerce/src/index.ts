export * from './commerce.module.js';
export * from './checkout.entity.js';
export * from './order.entity.js';
export * from './order-line.entity.js';
export * from './commerce-transitions.js';
export * from './order-reads.service.js';
export { B2BOrderReads } from './b2b-order-reads.js';
export * from './order-events.js';
export { Cart } from './cart.entity.js';
export { CartLine } from './cart-line.entity.js';
export { CheckoutIdempotencyKey } from './checkout-idempotency-key.entity.js';
export { CheckoutHolds, CHECKOUT_HOLD_EXPIRY_JOB } from './checkout-holds.js';
export { Commerce1764200200000 } from './migrations/1764200200000-commerce.js';
export { OrderCancellation1796506111026 } from './migrations/1796506111026-order-cancellation.js';
export { OrderEndedAt1796508157374 } from './migrations/1796508157374-order-ended-at.js';
export * from './carrier.js';
export * from './dispatch-delay.js';
export * from './shipment.entity.js';
export * from './order-confirmation-rules.js';
export { OrderFulfilment, DISPATCH_DEADLINE_JOB, AUTO_CONFIRM_JOB } from './order-fulfilment.service.js';
export { ShipmentService } from './shipments.service.js';
export { OrderCanceller } from './order-cancellations.js';
export type { UnitsBack } from './order-refunds.js';
export * from './tracking/tracking-provider.js';
export { TrackingWebhookEvent } from './tracking/tracking-webhook-event.entity.js';
export { Fulfilment1796505932227 } from './migrations/1796505932227-fulfilment.js';
export * from './return-request.entity.js';
export { OrderReturns, RETURN_ACCEPT_JOB, RETURN_REFUND_JOB } from './order-returns.service.js';
export { Returns1796508144463 } from './migrations/1796508144463-returns.js';
export { CommerceB2BPurchases1796510534470 } from './migrations/1796510534470-b2b-purchases.js';
export { OrderShippingRefunded1796522397023 } from './migrations/1796522397023-order-shipping-refunded.js';
export { ReturnPickupTracking1796517857028 } from './migrations/1796517857028-return-pickup-tracking.js';
export * from './coupon.entity.js';
export * from './exhibition.entity.js';
export { Coupons1796508325945 } from './migrations/1796508325945-coupons.js';
export { CouponOrganizationUses1796517183374 } from './migrations/1796517183374-coupon-organization-uses.js';
export { keptDiscountsOf } from './refund-math.js';
export { CommerceAccess } from './commerce-access.js';
export { ShippingAddress, ShippingAddressInput, shippingAddressOf } from './shipping-address.js';
export { DeliveryOrders, type PaidDelivery } from './delivery-orders.js';
export {
  SubscriptionCoupons,
  deliveryDiscountsOf,
  NO_DELIVERY_DISCOUNT,
  type DeliveryDiscounts,
  type DeliveryToPrice,
  type SubscriptionCoupon,
} from './subscription-coupons.js';
export { SubscriptionCouponUses1796529281466 } from './migrations/1796529281466-subscription-coupon-uses.js';
export { AppliedCoupon } from './applied-coupon.view.js';
export { DeliveryOrders1796518011325 } from './migrations/1796518011325-delivery-orders.js';
