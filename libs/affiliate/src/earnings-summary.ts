import { Field, ObjectType } from '@nestjs/graphql';
import { MoneyScalar } from '../../common/src/index.js';

/** What a market creator has earned by commission status (amount − reversedAmount), and what refunds took back. */
@ObjectType('EarningsSummary')
export class EarningsSummary {
  /** Earned on sales not yet completed. */
  @Field(() => MoneyScalar)
  pending: number;

  /** Earned and approved, not yet paid out. */
  @Field(() => MoneyScalar)
  approved: number;

  @Field(() => MoneyScalar)
  paid: number;

  /** Taken back by refunds. */
  @Field(() => MoneyScalar)
  reversed: number;
}
