import { Field, ObjectType } from '@nestjs/graphql';
import { Column } from 'typeorm';
import { BIGINT_WON } from '../../ledger/src/index.js';
import { PriceBreakdown } from './price-breakdown.js';

/** The amounts a checkout and each of its orders store (total = itemsTotal − itemDiscount + shippingFee − shippingDiscount). */
@ObjectType({ isAbstract: true })
export abstract class PricedRecord {
  @Column({ name: 'items_total', type: 'bigint', transformer: BIGINT_WON })
  itemsTotal: number;

  @Column({ name: 'item_discount', type: 'bigint', transformer: BIGINT_WON })
  itemDiscount: number;

  @Column({ name: 'shipping_fee', type: 'bigint', transformer: BIGINT_WON })
  shippingFee: number;

  @Column({ name: 'shipping_discount', type: 'bigint', transformer: BIGINT_WON })
  shippingDiscount: number;

  @Column({ type: 'bigint', transformer: BIGINT_WON })
  total: number;

  @Field(() => PriceBreakdown, { description: 'What it costs, as fixed at checkout: list prices and shipping fees of that moment.' })
  get price(): PriceBreakdown {
    const { itemsTotal, itemDiscount, shippingFee, shippingDiscount, total } = this;
    return { itemsTotal, itemDiscount, shippingFee, shippingDiscount, total };
  }
}
