import { Field, ObjectType } from '@nestjs/graphql';
import { MoneyScalar } from '../../common/src/index.js';
import { Coupon } from './coupon.entity.js';

@ObjectType('AppliedCoupon', { description: 'A coupon on a cart, checkout, order or subscription, and what it takes off there.' })
export class AppliedCoupon {
  @Field(() => Coupon, { description: 'The coupon (its own `code` only for those who may see it, docs/RULES.md §25).' })
  coupon: Coupon;

  @Field({ description: 'The code as the buyer entered it (upper-case).' })
  code: string;

  @Field(() => MoneyScalar, { description: 'What it takes off here: items for an item coupon, shipping for FREE_SHIPPING.' })
  discount: number;

  @Field(() => String, {
    nullable: true,
    description: 'Why it takes nothing off now (minimum not met, no eligible line, expired), else null. Carts keep such coupons; checkout refuses them.',
  })
  problem: string | null;
}
