import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation, type ValueTransformer } from 'typeorm';
import { MoneyScalar } from '../../common/src/index.js';
import { BIGINT_WON } from '../../ledger/src/index.js';
import { Carrier } from './carrier.js';
import { OrderLine } from './order-line.entity.js';
import { Order } from './order.entity.js';

export enum ReturnReason {
  CHANGE_OF_MIND = 'CHANGE_OF_MIND',
  DEFECTIVE = 'DEFECTIVE',
  WRONG_ITEM = 'WRONG_ITEM',
  NOT_AS_DESCRIBED = 'NOT_AS_DESCRIBED',
  DAMAGED_IN_DELIVERY = 'DAMAGED_IN_DELIVERY',
}
registerEnumType(ReturnReason, {
  name: 'ReturnReason',
  description: "Why the buyer sends goods back; all but CHANGE_OF_MIND are the seller's fault (docs/RULES.md §18).",
  valuesMap: {
    CHANGE_OF_MIND: { description: '단순 변심: within 7 days of delivery; the buyer bears returnShippingFee.' },
    DEFECTIVE: { description: 'The goods are faulty (불량); until confirmation.' },
    WRONG_ITEM: { description: 'Another item came (오배송); until confirmation.' },
    NOT_AS_DESCRIBED: { description: 'The goods differ from the listing (상품정보 상이); until confirmation.' },
    DAMAGED_IN_DELIVERY: { description: 'Broken on the way (배송 중 파손); until confirmation.' },
  },
});

export enum ReturnResolution {
  REFUND = 'REFUND',
  EXCHANGE = 'EXCHANGE',
}
registerEnumType(ReturnResolution, {
  name: 'ReturnResolution',
  description: 'What the buyer wants instead of the goods.',
  valuesMap: {
    REFUND: { description: 'Money back for the returned units (반품).' },
    EXCHANGE: { description: 'Same item again; only for reasons other than CHANGE_OF_MIND.' },
  },
});

export enum ReturnStatus {
  REQUESTED = 'REQUESTED',
  ACCEPTED = 'ACCEPTED',
  RECEIVED = 'RECEIVED',
  COMPLETED = 'COMPLETED',
  REJECTED = 'REJECTED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(ReturnStatus, {
  name: 'ReturnStatus',
  description: 'docs/RULES.md §18 transition table.',
  valuesMap: {
    REQUESTED: { description: 'Asked by the buyer; the agency accepts or rejects it by acceptBy, else it is accepted.' },
    ACCEPTED: { description: 'Pick-up arranged or expected.' },
    RECEIVED: { description: 'The agency has the goods back; 3 business days to refund or reship.' },
    COMPLETED: { description: 'Refunded, or the replacement shipped.' },
    REJECTED: { description: 'Refused by the agency with a reason; an operator may still accept it.' },
    WITHDRAWN: { description: 'Taken back by the buyer.' },
  },
});

/** BIGINT_WON for a column that may be NULL. */
const NULLABLE_BIGINT_WON: ValueTransformer = {
  to: (value: number | null) => value,
  from: (value: string | null) => (value === null ? null : (BIGINT_WON.from(value) as number)),
};

/** A return that is still open: one per order at most (docs/RULES.md §18; the partial unique index `return_request_open_uq`). */
export const OPEN_RETURN_STATUSES: readonly ReturnStatus[] = [ReturnStatus.REQUESTED, ReturnStatus.ACCEPTED, ReturnStatus.RECEIVED];

/**
 * 반품 / 교환 of some units of one order (docs/RULES.md §18). The status moves only through ReturnTransitions
 * (commerce-transitions.ts).
 */
@ObjectType('ReturnRequest', { description: '반품 / 교환 request for some units of one order.' })
@Entity('return_request')
@Index('return_request_number_uq', ['number'], { unique: true })
@Index('return_request_order_idx', ['orderId', 'requestedAt'])
@Index('return_request_partner_agency_idx', ['partnerAgencyId', 'requestedAt', 'id'])
@Index('return_request_open_uq', ['orderId'], { unique: true, where: `status IN ('REQUESTED', 'ACCEPTED', 'RECEIVED')` })
@Check('return_request_status_check', `status IN ('REQUESTED', 'ACCEPTED', 'RECEIVED', 'COMPLETED', 'REJECTED', 'WITHDRAWN')`)
@Check('return_request_amount_check', `return_shipping_deduction >= 0 AND (refund_amount IS NULL OR refund_amount >= 0)`)
@Check('return_request_exchange_check', `reason <> 'CHANGE_OF_MIND' OR resolution = 'REFUND'`)
@Index('return_request_pickup_uq', ['pickupCarrier', 'pickupTrackingNumber'], { unique: true, where: 'pickup_tracking_number IS NOT NULL' })
@Check('return_request_pickup_check', `(pickup_tracking_number IS NULL) = (pickup_registered_at IS NULL)`)
export class ReturnRequest {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Field({ description: 'X + KST date + 6 characters.' })
  @Column({ type: 'text' })
  number: string;

  @Column({ name: 'order_id', type: 'uuid' })
  orderId: string;

  @ManyToOne(() => Order, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'order_id', foreignKeyConstraintName: 'return_request_order_id_fkey' })
  order?: Relation<Order>;

  /** The order's agency, kept for `partnerAgencyReturns`. */
  @Column({ name: 'partner_agency_id', type: 'uuid' })
  partnerAgencyId: string;

  @Field(() => ReturnReason, { description: 'Why the buyer sends the goods back.' })
  @Column({ type: 'text' })
  reason: ReturnReason;

  @Field(() => ReturnResolution, { description: 'Refund or exchange; an exchange the completeBy job completes becomes a REFUND.' })
  @Column({ type: 'text' })
  resolution: ReturnResolution;

  @Field(() => String, { nullable: true, description: "The buyer's words to the agency." })
  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Field(() => ReturnStatus, { description: 'Where it is in docs/RULES.md §18’s table.' })
  @Column({ type: 'text' })
  status: ReturnStatus;

  @Field(() => MoneyScalar, { description: 'What the buyer pays back for the return shipping (CHANGE_OF_MIND only), never more than the refund.' })
  @Column({ name: 'return_shipping_deduction', type: 'bigint', transformer: BIGINT_WON })
  returnShippingDeduction: number;

  /** The money paid back, once COMPLETED; until then `refundAmount` is an estimate (ReturnReads). */
  @Column({ name: 'refund_amount', type: 'bigint', transformer: NULLABLE_BIGINT_WON, nullable: true })
  refundAmount: number | null;

  @Field(() => Carrier, { nullable: true, description: 'The pick-up waybill’s carrier (반품 수거), when the agency booked one.' })
  @Column({ name: 'pickup_carrier', type: 'text', nullable: true })
  pickupCarrier: Carrier | null;

  @Field(() => String, { nullable: true, description: 'The pick-up waybill’s number, digits only.' })
  @Column({ name: 'pickup_tracking_number', type: 'text', nullable: true })
  pickupTrackingNumber: string | null;

  /** When the pick-up waybill was registered: its tracking checks count from it and name it (docs/RULES.md §18). */
  @Column({ name: 'pickup_registered_at', type: 'timestamptz', nullable: true })
  pickupRegisteredAt: Date | null;

  @Field(() => String, { nullable: true, description: 'Why the agency rejected it.' })
  @Column({ name: 'rejection_reason', type: 'text', nullable: true })
  rejectionReason: string | null;

  @Field(() => Date, { nullable: true, description: 'REQUESTED past this → accepted automatically.' })
  @Column({ name: 'accept_by', type: 'timestamptz', nullable: true })
  acceptBy: Date | null;

  @Field(() => Date, { nullable: true, description: 'RECEIVED past this → refunded automatically with a LATE_RETURN_HANDLING strike.' })
  @Column({ name: 'complete_by', type: 'timestamptz', nullable: true })
  completeBy: Date | null;

  @Field({ description: 'When the buyer asked.' })
  @Column({ name: 'requested_at', type: 'timestamptz' })
  requestedAt: Date;

  @Field(() => Date, { nullable: true, description: 'When the agency had the goods back.' })
  @Column({ name: 'received_at', type: 'timestamptz', nullable: true })
  receivedAt: Date | null;

  /** When it stopped being open (COMPLETED, REJECTED, WITHDRAWN): the auto-confirm timer restarts from it (docs/RULES.md §17). */
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** Units of one order line in a return. */
@ObjectType('ReturnLine', { description: 'Units of one order line in a return.' })
@Entity('return_line')
@Index('return_line_order_line_idx', ['orderLineId'])
@Check('return_line_quantity_check', `quantity > 0`)
export class ReturnLine {
  @PrimaryColumn({ name: 'return_request_id', type: 'uuid' })
  returnRequestId: string;

  @PrimaryColumn({ name: 'order_line_id', type: 'uuid' })
  orderLineId: string;

  @ManyToOne(() => ReturnRequest, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'return_request_id', foreignKeyConstraintName: 'return_line_return_request_id_fkey' })
  returnRequest?: Relation<ReturnRequest>;

  @ManyToOne(() => OrderLine, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'order_line_id', foreignKeyConstraintName: 'return_line_order_line_id_fkey' })
  orderLine?: Relation<OrderLine>;

  /** The order of the lines as the buyer named them. */
  @Column({ type: 'integer' })
  position: number;

  @Field(() => Int, { description: 'Units of the line sent back.' })
  @Column({ type: 'integer' })
  quantity: number;
}
