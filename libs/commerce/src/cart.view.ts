import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { MoneyScalar } from '../../common/src/index.js';
import { Listing } from '../../catalog/src/index.js';
import { PartnerAgency } from '../../membership/src/index.js';
import { PriceBreakdown } from './price-breakdown.js';

@ObjectType('CartLine', { description: 'A listing and how many units the buyer means to buy.' })
export class CartLineView {
  @Field(() => ID)
  id: string;

  @Field(() => Listing)
  listing: Listing;

  @Field(() => Int)
  quantity: number;

  @Field(() => MoneyScalar, { description: "The listing's current price." })
  unitPrice: number;

  @Field(() => String, { nullable: true, description: 'Why checkout would refuse this line now (품절, 재고 부족, 판매 중지), else null.' })
  problem: string | null;
}

@ObjectType('CartGroup', { description: "One partner agency's part of the cart: becomes one Order at checkout." })
export class CartGroup {
  @Field(() => PartnerAgency)
  partnerAgency: PartnerAgency;

  @Field(() => [CartLineView])
  lines: CartLineView[];

  @Field(() => PriceBreakdown)
  price: PriceBreakdown;

  @Field(() => MoneyScalar, { nullable: true, description: 'How much more in items would make shipping free (무료배송까지); null when free already or impossible.' })
  freeShippingRemaining: number | null;
}

@ObjectType('Cart', { description: "The signed-in buyer's cart of GOODS lines, kept on the server (one per user)." })
export class CartView {
  @Field(() => [CartLineView])
  lines: CartLineView[];

  @Field(() => [CartGroup], { description: 'The cart split by partner agency, exactly as checkout will split it into orders.' })
  groups: CartGroup[];

  @Field(() => PriceBreakdown)
  price: PriceBreakdown;

  @Field()
  updatedAt: Date;
}
