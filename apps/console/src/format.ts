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

const SEOUL_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today in Seoul as YYYY-MM-DD (a date input's value). */
export const seoulToday = (): string => SEOUL_DAY.format(new Date());

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
