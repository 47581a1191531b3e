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
registerEnumType(Weekday, { name: 'Weekday' });

const IN_ISO_ORDER = [Weekday.MONDAY, Weekday.TUESDAY, Weekday.WEDNESDAY, Weekday.THURSDAY, Weekday.FRIDAY, Weekday.SATURDAY, Weekday.SUNDAY];

/** ISO weekday number (Monday = 1 … Sunday = 7), as luxon counts them. */
export function isoWeekdayOf(weekday: Weekday): number {
  return IN_ISO_ORDER.indexOf(weekday) + 1;
}
