import { Module } from '@nestjs/common';
import { CalendarModule } from '../../calendar/src/index.js';
import { CatalogModule } from '../../catalog/src/index.js';
import { IdentityModule } from '../../identity/src/index.js';
import { MembershipModule } from '../../membership/src/index.js';
import { PaymentsModule } from '../../payments/src/index.js';
import { CartResolver } from './cart.resolver.js';
import { CartService } from './cart.service.js';
import { CheckoutHolds } from './checkout-holds.js';
import { CheckoutIdempotencyKeys } from './checkout-idempotency-keys.js';
import { CheckoutPayments } from './checkout-payments.js';
import { CheckoutResolver } from './checkout.resolver.js';
import { CheckoutService } from './checkout.service.js';
import { CommerceAccess } from './commerce-access.js';
import { CheckoutTransitions, OrderTransitions } from './commerce-transitions.js';
import { OrderCancellations } from './order-cancellations.js';
import { OrderEvents } from './order-events.js';
import { OrderReads } from './order-reads.service.js';
import { OrderRefunds } from './order-refunds.js';
import { OrderLineResolver, OrderResolver } from './order.resolver.js';

export const COMMERCE_RESOLVERS = [CartResolver, CheckoutResolver, OrderResolver, OrderLineResolver];

/**
 * Goods commerce (docs/RULES.md §15–§18): carts, checkouts split into one order per partner agency, stock
 * holds, the CHECKOUT payment purpose, cancellations and the refund engine. Fulfilment, returns and coupons build on it.
 */
@Module({
  imports: [CalendarModule, IdentityModule, MembershipModule, CatalogModule, PaymentsModule],
  providers: [
    CommerceAccess,
    CheckoutTransitions,
    OrderTransitions,
    OrderEvents,
    CheckoutIdempotencyKeys,
    CartService,
    CheckoutHolds,
    OrderRefunds,
    CheckoutPayments,
    CheckoutService,
    OrderCancellations,
    OrderReads,
    ...COMMERCE_RESOLVERS,
  ],
  exports: [OrderReads, OrderEvents],
})
export class CommerceModule {}
