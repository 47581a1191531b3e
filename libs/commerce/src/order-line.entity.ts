import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { MoneyScalar } from '../../common/src/index.js';
import { BIGINT_WON } from '../../ledger/src/index.js';
import { Order } from './order.entity.js';
import { Shipment } from './shipment.entity.js';

/** One listing in an order, at the price and title of the checkout; quantities and money per line. */
@ObjectType('OrderLine', { description: 'One listing in an order; quantities and money per line (refunds, discounts and commission are per line).' })
@Entity('order_line')
@Index('order_line_order_idx', ['orderId', 'position'])
@Index('order_line_listing_idx', ['listingId'])
@Index('order_line_shipment_idx', ['shipmentId'], { where: 'shipment_id IS NOT NULL' })
@Check(
  'order_line_quantity_check',
  `quantity > 0 AND cancelled_quantity >= 0 AND returned_quantity >= 0 AND cancelled_quantity + returned_quantity <= quantity`,
)
@Check('order_line_platform_discount_check', `platform_discount BETWEEN 0 AND item_discount`)
@Check('order_line_amount_check', `unit_price > 0 AND item_discount BETWEEN 0 AND unit_price * quantity AND refunded_amount >= 0`)
export class OrderLine {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'order_id', type: 'uuid' })
  orderId: string;

  @ManyToOne(() => Order, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'order_id', foreignKeyConstraintName: 'order_line_order_id_fkey' })
  order?: Relation<Order>;

  /** The order of the lines as the cart had them. */
  @Column({ type: 'integer' })
  position: number;

  /** The catalog's listing (no foreign key across libraries). */
  @Column({ name: 'listing_id', type: 'uuid' })
  listingId: string;

  @Field({ description: "The listing's title when bought." })
  @Column({ type: 'text' })
  title: string;

  @Field(() => MoneyScalar, { description: "The listing's price in won when bought." })
  @Column({ name: 'unit_price', type: 'bigint', transformer: BIGINT_WON })
  unitPrice: number;

  @Field(() => Int, { description: 'Units bought.' })
  @Column({ type: 'integer' })
  quantity: number;

  @Field(() => Int, { description: 'Units cancelled before shipment (cancelOrder).' })
  @Column({ name: 'cancelled_quantity', type: 'integer' })
  cancelledQuantity: number;

  @Field(() => Int, { description: 'Units returned and refunded (docs/RULES.md §18); exchanged units stay the buyer’s.' })
  @Column({ name: 'returned_quantity', type: 'integer' })
  returnedQuantity: number;

  @Field(() => MoneyScalar, { description: "This line's share of item coupon discounts (docs/RULES.md §19)." })
  @Column({ name: 'item_discount', type: 'bigint', transformer: BIGINT_WON })
  itemDiscount: number;

  /** The part of itemDiscount the platform funds; the rest the agency funds (docs/RULES.md §19, §22). */
  @Column({ name: 'platform_discount', type: 'bigint', transformer: BIGINT_WON })
  platformDiscount: number;

  @Field(() => MoneyScalar, { description: "Won refunded on this line so far, before any return's shipping deduction (docs/RULES.md §18)." })
  @Column({ name: 'refunded_amount', type: 'bigint', transformer: BIGINT_WON })
  refundedAmount: number;

  @Field({ description: 'Whether the listing was VAT-exempt (면세) when bought.' })
  @Column({ name: 'tax_free', type: 'boolean' })
  taxFree: boolean;

  /** The parcel the line left in; null until shipped (docs/RULES.md §17). */
  @Column({ name: 'shipment_id', type: 'uuid', nullable: true })
  shipmentId: string | null;

  @ManyToOne(() => Shipment, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'shipment_id', foreignKeyConstraintName: 'order_line_shipment_id_fkey' })
  shipment?: Relation<Shipment>;

  /** The listing's dispatch days when bought: the order's deadline counts the largest (docs/RULES.md §16). */
  @Column({ name: 'dispatch_business_days', type: 'integer' })
  dispatchBusinessDays: number;

  /** The part of itemDiscount the agency funds. */
  get agencyDiscount(): number {
    return this.itemDiscount - this.platformDiscount;
  }

  @Field(() => MoneyScalar, { description: 'unitPrice × quantity − itemDiscount.' })
  get paidAmount(): number {
    return this.unitPrice * this.quantity - this.itemDiscount;
  }
}
