import { registerEnumType } from '@nestjs/graphql';

export enum Weekday {
  MONDAY = 'MONDAY',
  TUESDAY = 'TUESDAY',
  WEDNESDAY = 'WEDNESDAY',
  THURSDAY = 'THURSDAY',
  FRIDAY = 'FRIDAY',
  SATURDAY = 'SATURDAY',
  SUNDAY = 'SUNDAY',
}
registerEnumType(Weekday, {
  name: 'Weekday',
  description: 'A day of the week, on the wall clock of the time zone it is used in.',
  valuesMap: {
    MONDAY: { description: 'Monday (월요일).' },
    TUESDAY: { description: 'Tuesday (화요일).' },
    WEDNESDAY: { description: 'Wednesday (수요일).' },
    THURSDAY: { description: 'Thursday (목요일).' },
    FRIDAY: { description: 'Friday (금요일).' },
    SATURDAY: { description: 'Saturday (토요일).' },
    SUNDAY: { description: 'Sunday (일요일).' },
  },
});

const IN_ISO_ORDER = [Weekday.MONDAY, Weekday.TUESDAY, Weekday.WEDNESDAY, Weekday.THURSDAY, Weekday.FRIDAY, Weekday.SATURDAY, Weekday.SUNDAY];

/** ISO weekday number (Monday = 1 … Sunday = 7), as luxon counts them. */
export function isoWeekdayOf(weekday: Weekday): number {
  return IN_ISO_ORDER.indexOf(weekday) + 1;
}
