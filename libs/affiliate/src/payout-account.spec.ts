import { maskAccountNumber, normalizeAccountNumber } from './payout-account.js';

describe('payout account numbers', () => {
  it.each([
    ['110-234-567890', '110234567890'],
    [' 1002 345 67890 ', '100234567890'],
    ['123456', '123456'],
  ])('normalizes %j to %s', (input, digits) => {
    expect(normalizeAccountNumber(input)).toBe(digits);
  });

  it.each(['12345', '110-234-5678a', '', '1'.repeat(21)])('refuses %j', (input) => {
    expect(normalizeAccountNumber(input)).toBeNull();
  });

  it('shows only the last four digits', () => {
    expect(maskAccountNumber('110234567890')).toBe('********7890');
    expect(maskAccountNumber('123456')).toBe('**3456');
  });
});
