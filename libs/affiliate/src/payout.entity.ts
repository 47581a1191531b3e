import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { DateScalar, MoneyScalar } from '../../common/src/index.js';
import { BIGINT_WON } from '../../ledger/src/index.js';
import { MarketCreator } from './market-creator.entity.js';

export enum PayoutStatus {
  SCHEDULED = 'SCHEDULED',
  PAID = 'PAID',
}
registerEnumType(PayoutStatus, {
  name: 'PayoutStatus',
  description: 'Whether a payout has been sent: SCHEDULED → PAID.',
  valuesMap: {
    SCHEDULED: { description: 'Computed by runPayouts; the money is still to be sent.' },
    PAID: { description: 'An operator marked it sent (markPayoutPaid); its commissions are PAID too.' },
  },
});

/**
 * What one market creator is paid for one period: the approved commissions not yet paid, less the tax
 * withheld. The unique (creator, period end) is what makes `runPayouts` idempotent.
 */
@ObjectType('Payout', {
  description: 'What one market creator is paid for one period: its approved commissions not yet paid out, less withheld tax (the creator and operators).',
})
@Entity('payout')
@Index('payout_period_uq', ['marketCreatorId', 'periodEnd'], { unique: true })
@Check('payout_status_check', `status IN ('SCHEDULED', 'PAID')`)
@Check('payout_period_check', `period_start <= period_end`)
@Check(
  'payout_amount_check',
  `gross_amount > 0 AND income_tax >= 0 AND local_income_tax >= 0 AND withholding_tax = income_tax + local_income_tax AND net_amount = gross_amount - withholding_tax`,
)
@Check('payout_paid_check', `(status = 'PAID') = (paid_at IS NOT NULL)`)
export class Payout {
  @Field(() => ID, { description: 'Stable identifier (UUID); pass it to markPayoutPaid.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'market_creator_id', type: 'uuid' })
  marketCreatorId: string;

  /** Seoul dates, inclusive. */
  @Field(() => DateScalar, { description: "First day covered (Seoul date): the day after the creator's previous payout period, or the day it applied." })
  @Column({ name: 'period_start', type: 'date' })
  periodStart: string;

  @Field(() => DateScalar, { description: 'Last day covered, inclusive: commissions approved up to its end are in it. One payout per creator and period end.' })
  @Column({ name: 'period_end', type: 'date' })
  periodEnd: string;

  @Field(() => MoneyScalar, { description: 'Won earned on the commissions in it, at least the payout minimum (10,000 by default).' })
  @Column({ name: 'gross_amount', type: 'bigint', transformer: BIGINT_WON })
  grossAmount: number;

  /** 소득세 (3 %), floored to 10 won. */
  @Field(() => MoneyScalar, { description: 'Income tax withheld (소득세, 3 % for INDIVIDUAL and CELEBRITY, else 0), rounded down to 10 won.' })
  @Column({ name: 'income_tax', type: 'bigint', transformer: BIGINT_WON })
  incomeTax: number;

  /** 지방소득세 (0.3 %), floored to 10 won. */
  @Field(() => MoneyScalar, { description: 'Local income tax withheld (지방소득세, 0.3 % for INDIVIDUAL and CELEBRITY, else 0), rounded down to 10 won.' })
  @Column({ name: 'local_income_tax', type: 'bigint', transformer: BIGINT_WON })
  localIncomeTax: number;

  @Field(() => MoneyScalar, { description: 'Won withheld in all: incomeTax + localIncomeTax.' })
  @Column({ name: 'withholding_tax', type: 'bigint', transformer: BIGINT_WON })
  withholdingTax: number;

  @Field(() => MoneyScalar, { description: 'Won sent to the payout account: grossAmount − withholdingTax.' })
  @Column({ name: 'net_amount', type: 'bigint', transformer: BIGINT_WON })
  netAmount: number;

  @Field(() => PayoutStatus, { description: 'Scheduled or paid.' })
  @Column({ type: 'text' })
  status: PayoutStatus;

  @Field(() => Date, { nullable: true, description: 'When it was marked paid; null while SCHEDULED.' })
  @Column({ name: 'paid_at', type: 'timestamptz', nullable: true })
  paidAt: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @ManyToOne(() => MarketCreator)
  @JoinColumn({ name: 'market_creator_id', foreignKeyConstraintName: 'payout_market_creator_id_fkey' })
  marketCreator?: Relation<MarketCreator>;
}
