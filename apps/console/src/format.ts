/** Amounts in won and times in Korea Standard Time, however the browser is set up. */
// 30,000원 as people write it (the currency style would print ₩30,000).
const WON = new Intl.NumberFormat('ko-KR', { maximumFractionDigits: 0 });
const DATE_TIME = new Intl.DateTimeFormat('ko-KR', { timeZone: 'Asia/Seoul', dateStyle: 'medium', timeStyle: 'short' });
const DATE = new Intl.DateTimeFormat('ko-KR', { timeZone: 'Asia/Seoul', dateStyle: 'medium' });

export const won = (amount: number): string => `${WON.format(amount)}원`;

export const kstDateTime = (instant: string | null): string => (instant ? DATE_TIME.format(new Date(instant)) : '—');

/** A calendar date (YYYY-MM-DD) as written in Korea; read at noon UTC so no time zone moves it to another day. */
export const calendarDate = (date: string): string => DATE.format(new Date(`${date}T12:00:00Z`));

/** This year in Seoul. */
export const seoulYear = (): number => Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Seoul', year: 'numeric' }).format(new Date()));

const SEOUL_PARTS = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Seoul',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const TIME = new Intl.DateTimeFormat('ko-KR', { timeZone: 'Asia/Seoul', timeStyle: 'short' });
const DAY = new Intl.DateTimeFormat('ko-KR', { timeZone: 'UTC', month: 'long', day: 'numeric', weekday: 'short' });

/** An instant as a datetime-local field's value in Seoul (YYYY-MM-DDTHH:mm); the field's value is read back with +09:00. */
export function seoulDateTimeInput(instant: string | Date): string {
  const part = Object.fromEntries(SEOUL_PARTS.formatToParts(new Date(instant)).map(({ type, value }) => [type, value]));
  return `${part.year}-${part.month}-${part.day}T${part.hour}:${part.minute}`;
}

/** The calendar date (YYYY-MM-DD) of an instant in Seoul. */
export const seoulDate = (instant: string | Date): string => seoulDateTimeInput(instant).slice(0, 10);

/** The time of day of an instant in Seoul: 오후 2:00. */
export const kstTime = (instant: string): string => TIME.format(new Date(instant));

/** A calendar date with its weekday, as on a calendar's column: 12월 7일 (월). */
export const calendarDay = (date: string): string => DAY.format(new Date(`${date}T12:00:00Z`));

/** The calendar date `days` after `date` (YYYY-MM-DD), by the calendar rather than the clock. */
export function addDays(date: string, days: number): string {
  const moved = new Date(`${date}T12:00:00Z`);
  moved.setUTCDate(moved.getUTCDate() + days);
  return moved.toISOString().slice(0, 10);
}

/** Today in Seoul as YYYY-MM-DD (a date input's value). */
export const seoulToday = (): string => seoulDate(new Date());

/** The month before this one in Seoul as YYYY-MM: the latest month a settlement can be generated for. */
export function lastMonthInSeoul(): string {
  const [year, month] = seoulToday().split('-').map(Number);
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

/** A settlement month (YYYY-MM) as written in Korea: 2027년 3월. */
export function monthLabel(month: string): string {
  const [year, number] = month.split('-').map(Number);
  return `${year}년 ${number}월`;
}

/** A datetime-local field's value read on the Seoul clock (Korea keeps no daylight saving time); null when incomplete. */
export const instantFromKstInput = (value: string): string | null => {
  const instant = new Date(`${value}:00+09:00`);
  return value && !Number.isNaN(instant.getTime()) ? instant.toISOString() : null;
};

/** A datetime-local value as an instant; one left as `original` showed it keeps that exact instant (the field shows minutes only). */
export const typedInstant = (typed: string, original?: string): string | null =>
  original && typed === seoulDateTimeInput(original) ? original : instantFromKstInput(typed);
