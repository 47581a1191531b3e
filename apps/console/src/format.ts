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

const KST_PARTS = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Seoul',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An instant as a datetime-local field's value (YYYY-MM-DDTHH:mm) on the Seoul clock, whatever the browser's zone. */
export const kstInputValue = (instant: string): string => {
  const part = Object.fromEntries(KST_PARTS.formatToParts(new Date(instant)).map(({ type, value }) => [type, value]));
  return `${part.year}-${part.month}-${part.day}T${part.hour}:${part.minute}`;
};

/** A datetime-local field's value read on the Seoul clock (Korea keeps no daylight saving time); null when incomplete. */
export const instantFromKstInput = (value: string): string | null => {
  const instant = new Date(`${value}:00+09:00`);
  return value && !Number.isNaN(instant.getTime()) ? instant.toISOString() : null;
};

/** A datetime-local value as an instant; one left as `original` showed it keeps that exact instant (the field shows minutes only). */
export const typedInstant = (typed: string, original?: string): string | null =>
  original && typed === kstInputValue(original) ? original : instantFromKstInput(typed);
