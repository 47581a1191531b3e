import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { DateScalar, MoneyScalar } from '../../common/src/index.js';
import { BIGINT_WON } from '../../ledger/src/index.js';
import { MarketCreator } from './market-creator.entity.js';

export enum PayoutStatus {
  SCHEDULED = 'SCHEDULED',
  PAID = 'PAID',
}
registerEnumType(PayoutStatus, { name: 'PayoutStatus' });

/**
 * What one market creator is paid for one period: the approved commissions not yet paid, less the tax
 * withheld. The unique (creator, period end) is what makes `runPayouts` idempotent.
 */
@ObjectType('Payout')
@Entity('payout')
@Index('payout_period_uq', ['marketCreatorId', 'periodEnd'], { unique: true })
@Check('payout_status_check', `status IN ('SCHEDULED', 'PAID')`)
@Check('payout_period_check', `period_start <= period_end`)
@Check('payout_amount_check', `gross_amount > 0 AND income_tax >= 0 AND local_income_tax >= 0 AND withholding_tax = income_tax + local_income_tax AND net_amount = gross_amount - withholding_tax`)
@Check('payout_paid_check', `(status = 'PAID') = (paid_at IS NOT NULL)`)
export class Payout {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'market_creator_id', type: 'uuid' })
  marketCreatorId: string;

  /** Seoul dates, inclusive. */
  @Field(() => DateScalar)
  @Column({ name: 'period_start', type: 'date' })
  periodStart: string;

  @Field(() => DateScalar)
  @Column({ name: 'period_end', type: 'date' })
  periodEnd: string;

  @Field(() => MoneyScalar)
  @Column({ name: 'gross_amount', type: 'bigint', transformer: BIGINT_WON })
  grossAmount: number;

  /** 소득세 (3 %), floored to 10 won. */
  @Field(() => MoneyScalar)
  @Column({ name: 'income_tax', type: 'bigint', transformer: BIGINT_WON })
  incomeTax: number;

  /** 지방소득세 (0.3 %), floored to 10 won. */
  @Field(() => MoneyScalar)
  @Column({ name: 'local_income_tax', type: 'bigint', transformer: BIGINT_WON })
  localIncomeTax: number;

  @Field(() => MoneyScalar)
  @Column({ name: 'withholding_tax', type: 'bigint', transformer: BIGINT_WON })
  withholdingTax: number;

  @Field(() => MoneyScalar)
  @Column({ name: 'net_amount', type: 'bigint', transformer: BIGINT_WON })
  netAmount: number;

  @Field(() => PayoutStatus)
  @Column({ type: 'text' })
  status: PayoutStatus;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'paid_at', type: 'timestamptz', nullable: true })
  paidAt: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @ManyToOne(() => MarketCreator)
  @JoinColumn({ name: 'market_creator_id', foreignKeyConstraintName: 'payout_market_creator_id_fkey' })
  marketCreator?: Relation<MarketCreator>;
}
