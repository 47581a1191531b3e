import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { MoneyScalar } from '../../common/src/index.js';
import { Listing } from '../../catalog/src/index.js';
import { PartnerAgency } from '../../membership/src/index.js';
import { AppliedCoupon } from './applied-coupon.view.js';
import { PriceBreakdown } from './price-breakdown.js';

@ObjectType('CartLine', { description: 'A listing and how many units the buyer means to buy.' })
export class CartLineView {
  @Field(() => ID, { description: 'Stable identifier of the line; checkout names a refused line as `cart.lines.<id>`.' })
  id: string;

  @Field(() => Listing, { description: 'The GOODS listing to buy.' })
  listing: Listing;

  @Field(() => Int, { description: 'Units to buy, 1 to 999.' })
  quantity: number;

  @Field(() => MoneyScalar, { description: "The listing's current price." })
  unitPrice: number;

  @Field(() => String, { nullable: true, description: 'Why checkout would refuse this line now (품절, 재고 부족, 판매 중지), else null.' })
  problem: string | null;
}

@ObjectType('CartGroup', { description: "One partner agency's part of the cart: becomes one Order at checkout." })
export class CartGroup {
  @Field(() => PartnerAgency, { description: 'The agency that sells and ships these lines.' })
  partnerAgency: PartnerAgency;

  @Field(() => [CartLineView], { description: "The cart's lines of this agency, in cart order." })
  lines: CartLineView[];

  @Field(() => PriceBreakdown, { description: 'What this agency order would cost now, with its one shipping fee (docs/RULES.md §15).' })
  price: PriceBreakdown;

  @Field(() => MoneyScalar, {
    nullable: true,
    description: 'How much more in items would make shipping free (무료배송까지); null when free already or impossible.',
  })
  freeShippingRemaining: number | null;
}

@ObjectType('Cart', { description: "The signed-in buyer's cart of GOODS lines, kept on the server (one per user)." })
export class CartView {
  @Field(() => [CartLineView], { description: 'Every line, at most CART_MAX_LINES (50 by default), in the order they were added.' })
  lines: CartLineView[];

  @Field(() => [CartGroup], { description: 'The cart split by partner agency, exactly as checkout will split it into orders.' })
  groups: CartGroup[];

  @Field(() => [AppliedCoupon], {
    description: 'The coupons entered (at most one item coupon and one FREE_SHIPPING coupon), each with what it takes off now or its problem.',
  })
  coupons: AppliedCoupon[];

  @Field(() => PriceBreakdown, { description: 'The sum of the groups: what checkout would charge now, at current prices, after coupons.' })
  price: PriceBreakdown;

  @Field({ description: 'When a line was last set; now for a cart never used.' })
  updatedAt: Date;
}
