import { getHolidayPreset } from '@hyunbinseo/holidays-kr';
import { isWeekend } from './business-days.js';

export interface ClosedDay {
  date: string;
  name: string;
}

/**
 * The public holidays of `year` on weekdays, from the official gazette (월력요항, as packaged by
 * @hyunbinseo/holidays-kr), or null when the package does not know the year yet. Holidays on a weekend
 * close nothing that is not closed already, so they are left out.
 */
export async function gazetteHolidays(year: number): Promise<ClosedDay[] | null> {
  let preset: Readonly<Record<string, readonly string[]>>;
  try {
    preset = await getHolidayPreset(String(year));
  } catch (error) {
    if (error instanceof RangeError) return null;
    throw error;
  }
  return Object.entries(preset)
    .filter(([date]) => !isWeekend(date))
    .map(([date, names]) => ({ date, name: names.join(' · ') }))
    .sort((a, b) => a.date.localeCompare(b.date));
}
