import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';

/**
 * The problem alone (`must not be negative`): the field it is reported at already says where, and
 * graphql-js puts the expected type before it in messages of its own.
 */
function invalid(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

function literalString(ast: ValueNode): string {
  if (ast.kind !== Kind.STRING) throw invalid('must be a string');
  return ast.value;
}

/** A scalar of integer won; `bigint` columns arrive from pg as digit strings. */
function wonScalar(name: string, description: string, signed: boolean): GraphQLScalarType<number, number> {
  return new GraphQLScalarType<number, number>({
    name,
    description,
    serialize(value) {
      const amount = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
      if (typeof amount !== 'number' || !Number.isSafeInteger(amount)) throw new TypeError(`${name} cannot represent ${String(value)}`);
      return amount;
    },
    parseValue(value) {
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw invalid('must be a whole number of won');
      if (!signed && value < 0) throw invalid('must not be negative');
      return value;
    },
    parseLiteral(ast) {
      if (ast.kind !== Kind.INT) throw invalid('must be a whole number of won');
      return this.parseValue!(Number(ast.value));
    },
  });
}

/** Integer won, never negative: prices, payments, refunds. */
export const MoneyScalar = wonScalar('Money', 'An amount of Korean won (KRW has no minor unit): a non-negative safe integer.', false);

/** Integer won that may be negative: balances, adjustments, carried amounts. */
export const SignedMoneyScalar = wonScalar(
  'SignedMoney',
  'Integer won that may be negative (settlement adjustments, balances carried over, refund lines). `Money` stays non-negative.',
  true,
);

const ISO_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2}))$/;

/**
 * The instant an ISO 8601 date-time names, or null when it names none: a day the month does not have
 * (`2027-02-30`, which Date would roll over into March), an hour, minute or offset out of range.
 */
export function parseIsoDateTime(value: string): Date | null {
  const match = ISO_DATE_TIME.exec(value);
  if (!match) return null;
  const [, day, hour, minute, second = '00', , , offsetHours = '00', offsetMinutes = '00'] = match;
  if (!isCalendarDate(day) || +hour > 23 || +minute > 59 || +second > 59 || +offsetHours > 23 || +offsetMinutes > 59) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** An instant, as ISO 8601 with an offset (`2026-11-23T09:00:00Z`, `2026-11-23T18:00:00+09:00`). */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'An instant in ISO 8601 with a UTC offset; always sent back in UTC.',
  serialize(value) {
    const date = value instanceof Date ? value : new Date(value as string);
    if (Number.isNaN(date.getTime())) throw new TypeError(`DateTime cannot represent ${String(value)}`);
    return date.toISOString();
  },
  parseValue(value) {
    if (typeof value !== 'string' || !ISO_DATE_TIME.test(value)) {
      throw invalid('must be an ISO 8601 date-time with an offset, e.g. 2026-11-23T09:00:00Z');
    }
    const date = parseIsoDateTime(value);
    if (!date) throw invalid('is not a real date-time');
    return date;
  },
  parseLiteral(ast) {
    return this.parseValue!(literalString(ast));
  },
});

/** Whether `value` is a real calendar date written YYYY-MM-DD. */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** A calendar date without time (YYYY-MM-DD), kept as that string inside the server. */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar date, YYYY-MM-DD.',
  serialize(value) {
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    if (typeof value === 'string' && isCalendarDate(value)) return value;
    throw new TypeError(`Date cannot represent ${String(value)}`);
  },
  parseValue(value) {
    if (typeof value !== 'string' || !isCalendarDate(value)) throw invalid('must be a calendar date, YYYY-MM-DD');
    return value;
  },
  parseLiteral(ast) {
    return this.parseValue!(literalString(ast));
  },
});
