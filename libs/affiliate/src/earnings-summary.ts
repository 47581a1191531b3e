import { Field, ObjectType } from '@nestjs/graphql';
import { MoneyScalar } from '../../common/src/index.js';

/** What a market creator has earned by commission status (amount − reversedAmount), and what refunds took back. */
@ObjectType('EarningsSummary', { description: "A market creator's commissions in won by status, each net of refunds (the creator and operators)." })
export class EarningsSummary {
  /** Earned on sales not yet completed. */
  @Field(() => MoneyScalar, { description: 'Won earned on sales paid but not yet over (PENDING).' })
  pending: number;

  /** Earned and approved, not yet paid out. */
  @Field(() => MoneyScalar, { description: 'Won approved and not yet paid out (APPROVED).' })
  approved: number;

  @Field(() => MoneyScalar, { description: 'Won paid out (PAID).' })
  paid: number;

  /** Taken back by refunds. */
  @Field(() => MoneyScalar, { description: 'Won taken back by refunds, over all commissions.' })
  reversed: number;
}
