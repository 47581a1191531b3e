import { Module, type OnModuleInit } from '@nestjs/common';
import { CalendarModule } from '../../calendar/src/index.js';
import { CatalogModule } from '../../catalog/src/index.js';
import { IdentityModule, UserService } from '../../identity/src/index.js';
import { Checkout } from './checkout.entity.js';
import { Order } from './order.entity.js';
import { B2BPurchaseFieldsResolver, MembershipModule } from '../../membership/src/index.js';
import { PaymentsModule } from '../../payments/src/index.js';
import { B2BOrderReads } from './b2b-order-reads.js';
import { CartCouponPricingService } from './cart-coupon-pricing.js';
import { CartCoupons } from './cart-coupons.js';
import { CartResolver } from './cart.resolver.js';
import { CartService } from './cart.service.js';
import { CheckoutHolds } from './checkout-holds.js';
import { CheckoutIdempotencyKeys } from './checkout-idempotency-keys.js';
import { CheckoutPayments } from './checkout-payments.js';
import { CheckoutResolver } from './checkout.resolver.js';
import { CheckoutService } from './checkout.service.js';
import { CommerceAccess } from './commerce-access.js';
import { DeliveryOrders } from './delivery-orders.js';
import { SubscriptionCoupons } from './subscription-coupons.js';
import { OrderPayments } from './order-payments.js';
import { CheckoutTransitions, OrderTransitions, ReturnTransitions } from './commerce-transitions.js';
import { CouponRedemptions } from './coupon-redemptions.js';
import { CouponResolver } from './coupon.resolver.js';
import { CouponService } from './coupon.service.js';
import { ExhibitionResolver } from './exhibition.resolver.js';
import { ExhibitionService, ExhibitionTransitions } from './exhibition.service.js';
import { OrderCancellations } from './order-cancellations.js';
import { OrderEvents } from './order-events.js';
import { OrderReads } from './order-reads.service.js';
import { OrderRefunds } from './order-refunds.js';
import { OrderReturns } from './order-returns.service.js';
import { ReturnReads } from './return-reads.service.js';
import { OrderReturnsResolver, ReturnLineResolver, ReturnResolver, ShipmentReturnResolver } from './return.resolver.js';
import { OrderLineResolver, OrderResolver } from './order.resolver.js';
import { OrderConfirmationRules } from './order-confirmation-rules.js';
import { OrderFulfilment } from './order-fulfilment.service.js';
import { OrderLineShippingResolver, OrderShippingResolver, ShipmentResolver, StrikeOrderResolver } from './shipment.resolver.js';
import { ShipmentService } from './shipments.service.js';
import { ReturnPickups } from './return-pickups.js';
import { TrackingPushes } from './tracking/tracking-pushes.js';
import { SimulatedTrackingProvider } from './tracking/simulated-tracking-provider.js';
import { trackingProviderFactory } from './tracking/tracking-provider.factory.js';
import { TrackingWebhookController } from './tracking/tracking-webhook.controller.js';

export const COMMERCE_RESOLVERS = [
  B2BPurchaseFieldsResolver(Checkout),
  B2BPurchaseFieldsResolver(Order),
  CartResolver,
  CouponResolver,
  ExhibitionResolver,
  CheckoutResolver,
  OrderResolver,
  OrderLineResolver,
  ShipmentResolver,
  OrderShippingResolver,
  OrderLineShippingResolver,
  StrikeOrderResolver,
  ReturnResolver,
  ReturnLineResolver,
  OrderReturnsResolver,
  ShipmentReturnResolver,
];

/**
 * Goods commerce (docs/RULES.md §15–§18): carts, checkouts split into one order per partner agency, stock
 * holds and the CHECKOUT payment purpose; shipping with tracking, dispatch deadlines, delivery and
 * confirmation; cancellations, returns and exchanges, and the refund engine; coupons and exhibitions (§19),
 * which cart pricing calls.
 */
@Module({
  imports: [CalendarModule, IdentityModule, MembershipModule, CatalogModule, PaymentsModule],
  providers: [
    CommerceAccess,
    CheckoutTransitions,
    OrderTransitions,
    ReturnTransitions,
    OrderEvents,
    CheckoutIdempotencyKeys,
    ExhibitionTransitions,
    ExhibitionService,
    CouponService,
    CartCouponPricingService,
    CouponRedemptions,
    CartService,
    CartCoupons,
    CheckoutHolds,
    OrderRefunds,
    CheckoutPayments,
    OrderPayments,
    DeliveryOrders,
    SubscriptionCoupons,
    CheckoutService,
    OrderCancellations,
    OrderReads,
    B2BOrderReads,
    OrderConfirmationRules,
    OrderFulfilment,
    SimulatedTrackingProvider,
    trackingProviderFactory,
    ShipmentService,
    ReturnPickups,
    TrackingPushes,
    OrderReturns,
    ReturnReads,
    ...COMMERCE_RESOLVERS,
  ],
  controllers: [TrackingWebhookController],
  exports: [
    OrderReads,
    B2BOrderReads,
    OrderEvents,
    OrderFulfilment,
    OrderConfirmationRules,
    ShipmentService,
    CommerceAccess,
    DeliveryOrders,
    SubscriptionCoupons,
  ],
})
export class CommerceModule implements OnModuleInit {
  constructor(
    private readonly users: UserService,
    private readonly access: CommerceAccess,
  ) {}

  /** Identity asks commerce whether an agency member may read a buyer's contact (docs/RULES.md §25). */
  onModuleInit(): void {
    this.users.grantContactReading((ctx, userId) => this.access.mayReadBuyerContact(ctx, userId));
  }
}
