import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Carrier } from './carrier.js';
import { Order } from './order.entity.js';
import { ReturnRequest } from './return-request.entity.js';

/** A parcel: some lines of an order under one carrier and tracking number (docs/RULES.md §17). */
@ObjectType('Shipment', { description: 'A parcel: some lines of an order under one tracking number, or an exchange’s replacement.' })
@Entity('shipment')
@Index('shipment_order_idx', ['orderId', 'shippedAt'])
@Index('shipment_replacement_for_uq', ['replacementForId'], { unique: true, where: 'replacement_for_id IS NOT NULL' })
@Index('shipment_tracking_number_uq', ['carrier', 'trackingNumber'], { unique: true, where: 'tracking_number IS NOT NULL' })
@Check(
  'shipment_tracking_check',
  `(carrier = 'DIRECT') = (tracking_number IS NULL) AND (carrier = 'OTHER') = (carrier_name IS NOT NULL) AND (delivered_at IS NOT NULL OR NOT delivery_assumed)`,
)
export class Shipment {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'order_id', type: 'uuid' })
  orderId: string;

  @ManyToOne(() => Order, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'order_id', foreignKeyConstraintName: 'shipment_order_id_fkey' })
  order?: Relation<Order>;

  @Field(() => Carrier, { description: '택배사, or DIRECT for the agency’s own delivery.' })
  @Column({ type: 'text' })
  carrier: Carrier;

  @Field(() => String, { nullable: true, description: 'The courier’s name, for OTHER only.' })
  @Column({ name: 'carrier_name', type: 'text', nullable: true })
  carrierName: string | null;

  @Field(() => String, { nullable: true, description: 'Digits only; null only for DIRECT.' })
  @Column({ name: 'tracking_number', type: 'text', nullable: true })
  trackingNumber: string | null;

  @Field({ description: 'When the agency registered the parcel (송장 등록).' })
  @Column({ name: 'shipped_at', type: 'timestamptz' })
  shippedAt: Date;

  /** Registration or the last correction (`updateShipment`): the scan check and the simulated tracker count from it. */
  @Column({ name: 'registered_at', type: 'timestamptz' })
  registeredAt: Date;

  @Field(() => Date, {
    nullable: true,
    description: 'The carrier’s first scan (집하); null while unscanned. No scan within 2 business days → MISSING_TRACKING_NUMBER strike.',
  })
  @Column({ name: 'first_scan_at', type: 'timestamptz', nullable: true })
  firstScanAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it reached the buyer (tracked, marked or assumed).' })
  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;

  @Field({ description: 'True when deliveredAt was assumed 7 days after shipping because no delivery was reported.' })
  @Column({ name: 'delivery_assumed', type: 'boolean' })
  deliveryAssumed: boolean;

  /** The exchange this parcel replaces the goods of (docs/RULES.md §18); null for the order's own parcels. */
  @Column({ name: 'replacement_for_id', type: 'uuid', nullable: true })
  replacementForId: string | null;

  @ManyToOne(() => ReturnRequest, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'replacement_for_id', foreignKeyConstraintName: 'shipment_replacement_for_id_fkey' })
  replacementFor?: Relation<ReturnRequest>;
}
