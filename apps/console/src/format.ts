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
