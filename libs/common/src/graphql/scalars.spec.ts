import { GraphQLError, Kind } from 'graphql';
import { DateScalar, DateTimeScalar, MoneyScalar, SignedMoneyScalar, isCalendarDate } from './scalars.js';

describe('Money scalar', () => {
  it('accepts non-negative safe integers', () => {
    expect(MoneyScalar.parseValue(0)).toBe(0);
    expect(MoneyScalar.parseValue(30000)).toBe(30000);
    expect(MoneyScalar.parseValue(Number.MAX_SAFE_INTEGER)).toBe(Number.MAX_SAFE_INTEGER);
    expect(MoneyScalar.parseLiteral({ kind: Kind.INT, value: '10000' }, {})).toBe(10000);
  });

  it.each([[-1], [1.5], [Number.MAX_SAFE_INTEGER + 1], ['1000'], [null], [NaN], [Infinity], [{}]])('refuses %p with BAD_USER_INPUT', (value) => {
    try {
      MoneyScalar.parseValue(value as never);
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(GraphQLError);
      expect((error as GraphQLError).extensions.code).toBe('BAD_USER_INPUT');
    }
  });

  it('refuses string and float literals', () => {
    expect(() => MoneyScalar.parseLiteral({ kind: Kind.STRING, value: '100' }, {})).toThrow(GraphQLError);
    expect(() => MoneyScalar.parseLiteral({ kind: Kind.FLOAT, value: '1.5' }, {})).toThrow(GraphQLError);
  });

  it('serializes bigint columns that pg returns as digit strings', () => {
    expect(MoneyScalar.serialize('9007199254740991')).toBe(9007199254740991);
    expect(MoneyScalar.serialize(1200)).toBe(1200);
    expect(() => MoneyScalar.serialize('12.5')).toThrow();
  });
});

describe('SignedMoney scalar', () => {
  it('accepts negative safe integers and serializes negative bigint strings', () => {
    expect(SignedMoneyScalar.parseValue(-1500)).toBe(-1500);
    expect(SignedMoneyScalar.parseLiteral({ kind: Kind.INT, value: '-10000' }, {})).toBe(-10000);
    expect(SignedMoneyScalar.serialize('-9007199254740991')).toBe(-9007199254740991);
  });

  it.each([[1.5], [Number.MIN_SAFE_INTEGER - 1], ['-1'], [null]])('refuses %p with BAD_USER_INPUT', (value) => {
    expect(() => SignedMoneyScalar.parseValue(value as never)).toThrow(GraphQLError);
  });
});

describe('DateTime scalar', () => {
  it('needs an offset and returns UTC', () => {
    expect(DateTimeScalar.parseValue('2026-11-23T18:00:00+09:00')).toEqual(new Date('2026-11-23T09:00:00Z'));
    expect(DateTimeScalar.serialize(new Date('2026-11-23T09:00:00Z'))).toBe('2026-11-23T09:00:00.000Z');
    expect(() => DateTimeScalar.parseValue('2026-11-23T18:00:00')).toThrow(GraphQLError);
    expect(() => DateTimeScalar.parseValue('yesterday')).toThrow(GraphQLError);
  });

  it.each([
    '2027-02-30T10:00:00Z',
    '2026-02-29T00:00:00+09:00',
    '2026-04-31T00:00:00Z',
    '2026-11-23T24:00:00Z',
    '2026-11-23T09:60:00Z',
    '2026-11-23T09:00:60Z',
    '2026-11-23T09:00:00+24:00',
  ])('refuses %s, which names no real instant, with BAD_USER_INPUT (Date would roll it over)', (value) => {
    expect(() => DateTimeScalar.parseValue(value)).toThrow(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT' } }));
  });

  it('accepts real instants at the edges: leap days, the last second, fractions and offsets', () => {
    expect(DateTimeScalar.parseValue('2028-02-29T23:59:59.999+09:00')).toEqual(new Date('2028-02-29T14:59:59.999Z'));
    expect(DateTimeScalar.parseValue('2026-12-31T23:59Z')).toEqual(new Date('2026-12-31T23:59:00Z'));
    expect(DateTimeScalar.parseValue('2026-01-01T00:00:00-12:30')).toEqual(new Date('2026-01-01T12:30:00Z'));
  });
});

describe('Date scalar', () => {
  it('accepts only real calendar dates', () => {
    expect(DateScalar.parseValue('2028-02-29')).toBe('2028-02-29');
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(() => DateScalar.parseValue('2026-13-01')).toThrow(GraphQLError);
    expect(DateScalar.serialize('2026-11-23')).toBe('2026-11-23');
  });
});
