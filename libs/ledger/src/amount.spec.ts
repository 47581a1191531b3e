import { BIGINT_WON, parseWon, toSafeWon } from './amount.js';

describe('parseWon', () => {
  it.each([
    ['0', 0n],
    ['-15000', -15000n],
    ['9007199254740993', 9007199254740993n],
  ])('reads %s exactly', (text, value) => {
    expect(parseWon(text)).toBe(value);
  });

  it.each([[''], [' 12'], ['12.5'], ['1e3'], ['abc'], ['-']])('refuses %j', (text) => {
    expect(() => parseWon(text)).toThrow(RangeError);
  });
});

describe('toSafeWon', () => {
  it('converts safe integers, including the extremes', () => {
    expect(toSafeWon(BigInt(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
    expect(toSafeWon(-BigInt(Number.MAX_SAFE_INTEGER))).toBe(-Number.MAX_SAFE_INTEGER);
    expect(Object.is(toSafeWon(-0n), 0)).toBe(true);
  });

  it('refuses what a number would round', () => {
    expect(() => toSafeWon(BigInt(Number.MAX_SAFE_INTEGER) + 1n)).toThrow(RangeError);
    expect(() => toSafeWon(-BigInt(Number.MAX_SAFE_INTEGER) - 1n)).toThrow(RangeError);
  });
});

describe('BIGINT_WON', () => {
  it('turns the column text into a number and passes numbers through', () => {
    expect(BIGINT_WON.from('-4200')).toBe(-4200);
    expect(BIGINT_WON.to(4200)).toBe(4200);
    expect(() => BIGINT_WON.from('9007199254740993')).toThrow(RangeError);
  });
});
