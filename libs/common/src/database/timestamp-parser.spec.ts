import pg from 'pg';
import { DATABASE_TYPE_PARSERS, parseTimestamp } from './timestamp-parser.js';

/** pg's default parser of dates and timestamps (`postgres-date`), which parseTimestamp must match exactly. */
const postgresDate = pg.types.getTypeParser(1184, 'text') as (text: string) => unknown;

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** Texts as PostgreSQL writes dates and timestamps, over years, every fraction width and several zones. */
function texts(): string[] {
  const zones = ['', '+00', '+09', '-05', '+05:30', '-03:30', '+05:45', '-09:30:15', '+14'];
  const fractions = ['', '.5', '.12', '.123', '.1234', '.12345', '.123456', '.999999', '.000001', '.29', '.57', '.009'];
  const out: string[] = [];
  let seed = 7;
  const next = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
  for (let i = 0; i < 4000; i++) {
    const date = `${1000 + next(9000)}-${pad(1 + next(12))}-${pad(1 + next(28))}`;
    out.push(date);
    const time = `${pad(next(24))}:${pad(next(60))}:${pad(next(60))}`;
    out.push(`${date} ${time}${fractions[i % fractions.length]}${zones[next(zones.length)]}`);
    const digits = next(7);
    const fraction = digits ? `.${String(next(10 ** digits)).padStart(digits, '0')}` : '';
    out.push(`${date} ${time}${fraction}${zones[next(zones.length)]}`);
  }
  // Daylight-saving edges (a local time that does not exist or exists twice where the zone has DST).
  out.push('2026-03-08 02:30:00', '2026-11-01 01:30:00', '2026-03-29 02:30:00.5', '1988-05-08 02:30:00', '1988-05-08');
  // Texts the fast path leaves to postgres-date.
  out.push('infinity', '-infinity', '0044-03-15 BC', '0001-01-01 00:00:00+00 BC', '0099-12-31', '0050-06-01 12:00:00+00', '12345-01-01 00:00:00+00');
  out.push('2026-12-06 07:08:02.+09', '2026-12-06 07:08:02+0900', '2026-12-06T07:08:02Z', 'not a date');
  return out;
}

const same = (a: unknown, b: unknown) => (a instanceof Date && b instanceof Date ? Object.is(a.getTime(), b.getTime()) : Object.is(a, b));

describe('parseTimestamp', () => {
  const zone = process.env.TZ;
  afterEach(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  it.each(['UTC', 'Asia/Seoul', 'America/New_York', 'Australia/Lord_Howe'])(
    'gives the Date postgres-date gives for every text, in the process time zone %s',
    (timeZone) => {
      process.env.TZ = timeZone;
      const differing = texts().filter((text) => !same(parseTimestamp(text), postgresDate(text)));
      expect(differing).toEqual([]);
    },
  );

  it('parses what PostgreSQL sends without postgres-date', () => {
    expect(parseTimestamp('2026-12-06 07:08:02.123456+00')).toEqual(new Date('2026-12-06T07:08:02.123Z'));
    expect(parseTimestamp('2026-12-06 16:08:02+09')).toEqual(new Date('2026-12-06T07:08:02Z'));
    expect(parseTimestamp('2026-12-06 01:38:02.5-05:30')).toEqual(new Date('2026-12-06T07:08:02.500Z'));
  });

  it('is the pool’s parser for date, timestamp and timestamptz in text, and pg’s default for every other type', () => {
    for (const oid of [1082, 1114, 1184]) expect(DATABASE_TYPE_PARSERS.getTypeParser(oid, 'text')).toBe(parseTimestamp);
    expect(DATABASE_TYPE_PARSERS.getTypeParser(1184, 'binary')).toBe(pg.types.getTypeParser(1184, 'binary'));
    for (const oid of [16, 20, 23, 25, 114, 1700, 2950, 3802])
      expect(DATABASE_TYPE_PARSERS.getTypeParser(oid, 'text')).toBe(pg.types.getTypeParser(oid, 'text'));
  });
});
