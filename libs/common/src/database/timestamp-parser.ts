import pg from 'pg';

const DATE_OIDS = [1082, 1114, 1184]; // date, timestamp, timestamptz

/** pg's own parser of these types (`postgres-date`, the same for all three). */
const parsePostgresDate = pg.types.getTypeParser(1184, 'text') as (text: string) => Date | number | null;

const ZERO = 48;
const DASH = 45;
const PLUS = 43;
const COLON = 58;
const SPACE = 32;
const DOT = 46;

function digitsAt(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const digit = text.charCodeAt(i) - ZERO;
    if (digit < 0 || digit > 9) return NaN;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * A `date`, `timestamp` or `timestamptz` as PostgreSQL writes it (DateStyle ISO): `2026-12-06`,
 * `2026-12-06 07:08:02.123456` or `2026-12-06 07:08:02.123456+09` (`+05:30`, `-03:30:15`), parsed to the same
 * Date as pg's default parser (`postgres-date`) without its regular expressions. Anything else (years before
 * 1000 or after 9999, BC, infinity, another layout) goes to that parser itself.
 */
export function parseTimestamp(text: string): Date | number | null {
  const year = text.charCodeAt(0) === ZERO ? NaN : digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2) - 1;
  const day = digitsAt(text, 8, 2);
  if (Number.isNaN(year + month + day) || text.charCodeAt(4) !== DASH || text.charCodeAt(7) !== DASH) return parsePostgresDate(text);
  if (text.length === 10) return new Date(year, month, day);
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  const second = digitsAt(text, 17, 2);
  if (Number.isNaN(hour + minute + second) || text.charCodeAt(10) !== SPACE || text.charCodeAt(13) !== COLON || text.charCodeAt(16) !== COLON) {
    return parsePostgresDate(text);
  }
  let end = 19;
  let milliseconds = 0;
  if (text.charCodeAt(end) === DOT) {
    let fraction = 0;
    let digit: number;
    while (++end < text.length && (digit = text.charCodeAt(end) - ZERO) >= 0 && digit <= 9) fraction = fraction * 10 + digit;
    const digits = end - 20;
    if (digits < 1 || digits > 15) return parsePostgresDate(text);
    // postgres-date's `1000 * parseFloat('.123456')`: both exact integers divided give that same nearest double.
    milliseconds = 1000 * (fraction / 10 ** digits);
  }
  if (end === text.length) return new Date(year, month, day, hour, minute, second, milliseconds);
  const sign = text.charCodeAt(end);
  const zone = text.length - end;
  if ((sign !== PLUS && sign !== DASH) || (zone !== 3 && zone !== 6 && zone !== 9)) return parsePostgresDate(text);
  const zoneHours = digitsAt(text, end + 1, 2);
  const zoneMinutes = zone > 3 && text.charCodeAt(end + 3) === COLON ? digitsAt(text, end + 4, 2) : zone > 3 ? NaN : 0;
  const zoneSeconds = zone > 6 && text.charCodeAt(end + 6) === COLON ? digitsAt(text, end + 7, 2) : zone > 6 ? NaN : 0;
  const offset = (sign === DASH ? -1000 : 1000) * (zoneHours * 3600 + zoneMinutes * 60 + zoneSeconds);
  if (Number.isNaN(offset)) return parsePostgresDate(text);
  return new Date(Date.UTC(year, month, day, hour, minute, second, milliseconds) - offset);
}

/**
 * pg's type parsers for the pool of TypeORM's data source (its `types` option): `parseTimestamp` for dates and
 * timestamps in text, pg's defaults for everything else. Timestamps are most of what a page's rows hold, and
 * `postgres-date`'s regular expressions were a visible share of a list's CPU time.
 */
export const DATABASE_TYPE_PARSERS = {
  getTypeParser(oid: number, format: 'text' | 'binary' = 'text'): unknown {
    return format === 'text' && DATE_OIDS.includes(oid) ? parseTimestamp : pg.types.getTypeParser(oid, format);
  },
};
