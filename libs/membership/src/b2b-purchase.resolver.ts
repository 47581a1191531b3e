import type { Type } from '@nestjs/common';
import { ResolveField, Resolver } from '@nestjs/graphql';
import { contextOf, type GraphQLContext } from '../../common/src/index.js';
import { Organization } from '../../identity/src/index.js';
import { B2BPurchase, B2BPurchases } from './b2b-purchase.js';

/**
 * `buyerOrganization` and `purchaseOrderNumber` of a type that embeds a B2BPurchase (checkouts, orders,
 * consultations, reservations: docs/RULES.md §23); the library owning the type registers the resolver.
 */
export function B2BPurchaseFieldsResolver<T extends { b2b: B2BPurchase }>(purchased: Type<T>) {
  @Resolver(() => purchased)
  class B2BPurchaseFields {
    constructor(readonly b2bPurchases: B2BPurchases) {}

    @ResolveField(() => Organization, { nullable: true, description: 'B2B: the organization it was bought for; null for a personal purchase.' })
    buyerOrganization(row: T, _args: unknown, graphql: GraphQLContext): Promise<Organization | null> {
      return this.b2bPurchases.buyerOrganization(contextOf(graphql), row.b2b);
    }

    @ResolveField(() => String, { nullable: true, description: "B2B: the buyer's purchase-order / 품의 number, if given." })
    purchaseOrderNumber(row: T): string | null {
      return row.b2b?.purchaseOrderNumber ?? null;
    }
  }
  return B2BPurchaseFields;
}
