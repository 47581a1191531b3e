import { Field, InputType } from '@nestjs/graphql';
import { DateScalar } from '../../../common/src/index.js';

/** Checked by BusinessCalendarService: list arguments do not pass through the input validation pipe. */
@InputType({ description: 'One closed day for `setNonBusinessDays`.' })
export class NonBusinessDayInput {
  @Field(() => DateScalar, { description: 'The KST calendar date, in the year being set.' })
  date: string;

  @Field({ description: 'Why the day is closed, e.g. 임시공휴일 or 택배 없는 날 (1–100 characters).' })
  name: string;
}
