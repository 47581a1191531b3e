import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { SignedMoneyScalar } from '../../common/src/index.js';
import { BIGINT_WON } from '../../ledger/src/index.js';
import { SettlementStatement } from './settlement-statement.entity.js';

export enum SettlementLineKind {
  ORDER_LINE = 'ORDER_LINE',
  SHIPPING = 'SHIPPING',
  RESERVATION = 'RESERVATION',
  POST_SETTLEMENT_REFUND = 'POST_SETTLEMENT_REFUND',
  ADJUSTMENT = 'ADJUSTMENT',
  CARRIED_BALANCE = 'CARRIED_BALANCE',
}
registerEnumType(SettlementLineKind, {
  name: 'SettlementLineKind',
  description: 'Where a settlement line comes from.',
  valuesMap: {
    ORDER_LINE: { description: 'A goods or subscription order line that became final (CONFIRMED or RETURNED) this month.' },
    SHIPPING: { description: "An order's shipping income (buyer-paid, platform-supported, return fees kept)." },
    RESERVATION: { description: 'A reservation that became final: COMPLETED, NO_SHOW, or cancelled keeping part of the price.' },
    POST_SETTLEMENT_REFUND: { description: 'A refund made this month on something settled earlier.' },
    ADJUSTMENT: { description: "An operator's adjustment, either sign, with its description." },
    CARRIED_BALANCE: { description: 'The negative or zero net of an earlier statement.' },
  },
});

/**
 * One row of a statement (docs/RULES.md §22). A refund after settlement is recorded when it happens, with no
 * statement yet; the next generation of its month takes it in.
 */
@ObjectType('SettlementLine', { description: "One row of a statement; its amounts add up to the statement's." })
@Entity('settlement_line')
@Index('settlement_line_statement_idx', ['statementId', 'occurredAt', 'id'])
@Index('settlement_line_unassigned_idx', ['partnerAgencyId', 'occurredAt'], { where: 'statement_id IS NULL' })
@Index('settlement_line_order_idx', ['orderId'], { where: 'order_id IS NOT NULL' })
@Index('settlement_line_reservation_idx', ['reservationId'], { where: 'reservation_id IS NOT NULL' })
@Check('settlement_line_kind_check', `kind IN ('ORDER_LINE', 'SHIPPING', 'RESERVATION', 'POST_SETTLEMENT_REFUND', 'ADJUSTMENT', 'CARRIED_BALANCE')`)
@Check('settlement_line_net_check', `net = sales_base - platform_fee - commission + shipping + adjustment`)
@Check('settlement_line_assigned_check', `statement_id IS NOT NULL OR kind NOT IN ('ADJUSTMENT', 'CARRIED_BALANCE')`)
export class SettlementLine {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** Null while the line waits for the statement of its month (written when the sale became final). */
  @Column({ name: 'statement_id', type: 'uuid', nullable: true })
  statementId: string | null;

  @ManyToOne(() => SettlementStatement, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'statement_id', foreignKeyConstraintName: 'settlement_line_statement_id_fkey' })
  statement?: Relation<SettlementStatement>;

  @Column({ name: 'partner_agency_id', type: 'uuid' })
  partnerAgencyId: string;

  @Field(() => SettlementLineKind, { description: 'What it settles.' })
  @Column({ type: 'text' })
  kind: SettlementLineKind;

  @Field({ description: "When it became final (the rule's time, not a job's run time)." })
  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  @Field({ description: 'What it is: the order number and title, the reservation, the adjustment’s reason.' })
  @Column({ type: 'text' })
  description: string;

  /** commerce's order, order line and booking's reservation it settles (no foreign keys across libraries). */
  @Column({ name: 'order_id', type: 'uuid', nullable: true })
  orderId: string | null;

  @Column({ name: 'order_line_id', type: 'uuid', nullable: true })
  orderLineId: string | null;

  @Column({ name: 'reservation_id', type: 'uuid', nullable: true })
  reservationId: string | null;

  @Field(() => SignedMoneyScalar, { description: 'Unit price × quantity ordered (reservations: their amount).' })
  @Column({ name: 'gross_sales', type: 'bigint', transformer: BIGINT_WON })
  grossSales: number;

  @Field(() => SignedMoneyScalar, { description: 'List value of returned and cancelled units, or the refund.' })
  @Column({ type: 'bigint', transformer: BIGINT_WON })
  returns: number;

  @Field(() => SignedMoneyScalar, { description: 'Agency-funded discount on the kept units.' })
  @Column({ name: 'agency_discount', type: 'bigint', transformer: BIGINT_WON })
  agencyDiscount: number;

  @Field(() => SignedMoneyScalar, { description: 'Platform-funded discount on the kept units (information).' })
  @Column({ name: 'platform_discount', type: 'bigint', transformer: BIGINT_WON })
  platformDiscount: number;

  @Field(() => SignedMoneyScalar, { description: 'grossSales − returns − agencyDiscount.' })
  @Column({ name: 'sales_base', type: 'bigint', transformer: BIGINT_WON })
  salesBase: number;

  @Field(() => Int, { nullable: true, description: 'The fee rate kept with the sale.' })
  @Column({ name: 'platform_fee_rate_bps', type: 'integer', nullable: true })
  platformFeeRateBps: number | null;

  @Field(() => SignedMoneyScalar, { description: 'floor(salesBase × rate / 10000); for a refund after settlement the fee given back.' })
  @Column({ name: 'platform_fee', type: 'bigint', transformer: BIGINT_WON })
  platformFee: number;

  @Field(() => SignedMoneyScalar, { description: 'Market-creator commission earned on it (negative: reversed after settlement).' })
  @Column({ type: 'bigint', transformer: BIGINT_WON })
  commission: number;

  @Field(() => SignedMoneyScalar, { description: 'Shipping income kept (SHIPPING lines).' })
  @Column({ type: 'bigint', transformer: BIGINT_WON })
  shipping: number;

  @Field(() => SignedMoneyScalar, { description: 'ADJUSTMENT and CARRIED_BALANCE amounts.' })
  @Column({ type: 'bigint', transformer: BIGINT_WON })
  adjustment: number;

  @Field(() => SignedMoneyScalar, { description: 'salesBase − platformFee − commission + shipping + adjustment.' })
  @Column({ type: 'bigint', transformer: BIGINT_WON })
  net: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
