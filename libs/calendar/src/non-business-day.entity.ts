import { Field, ObjectType } from '@nestjs/graphql';
import { Check, Column, Entity, PrimaryColumn } from 'typeorm';
import { DateScalar } from '../../common/src/index.js';

/** A day on which nothing counts as a business day besides weekends (docs/RULES.md §14). */
@ObjectType({ description: 'A weekday on which nothing counts as a business day: public, substitute and temporary holidays, 택배 없는 날.' })
@Entity('non_business_day')
@Check('non_business_day_name_check', 'length(name) BETWEEN 1 AND 100')
export class NonBusinessDay {
  @Field(() => DateScalar, { description: 'The KST calendar date.' })
  @PrimaryColumn({ type: 'date' })
  date: string;

  @Field({ description: 'Why the day is closed, e.g. 추석 or 택배 없는 날.' })
  @Column({ type: 'text' })
  name: string;
}

/** Where a year's list of non-business days came from. */
export type CalendarYearSource = 'GAZETTE' | 'OPERATOR';

/**
 * A year whose list of non-business days is settled: seeded from the official gazette on first use, or
 * replaced by an operator. A year without a row has not been seeded yet.
 */
@Entity('business_calendar_year')
@Check('business_calendar_year_year_check', 'year BETWEEN 2000 AND 2100')
@Check('business_calendar_year_source_check', `source IN ('GAZETTE', 'OPERATOR')`)
export class BusinessCalendarYear {
  @PrimaryColumn({ type: 'integer' })
  year: number;

  @Column({ type: 'text' })
  source: CalendarYearSource;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
