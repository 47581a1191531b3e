import { normalizeBusinessRegistrationNumber } from './business-registration-number.js';

describe('normalizeBusinessRegistrationNumber', () => {
  it.each([
    ['120-81-47521', '1208147521'],
    ['220-81-62517', '2208162517'],
    ['124-81-00998', '1248100998'],
    ['1208147521', '1208147521'],
    [' 220-81-62517 ', '2208162517'],
  ])('accepts %s as %s', (input, digits) => {
    expect(normalizeBusinessRegistrationNumber(input)).toBe(digits);
  });

  it.each([
    ['123-45-67890', 'a wrong checksum'],
    ['120-81-47522', 'a changed last digit'],
    ['120-81-4752', 'nine digits'],
    ['120-81-475211', 'eleven digits'],
    ['12A-81-47521', 'a letter'],
    ['120--81-47521', 'doubled dashes'],
    ['', 'nothing'],
    ['000-00-00000', 'all zeros, which passes the checksum'],
    ['0000000000', 'all zeros without dashes'],
  ])('refuses %s (%s)', (input) => {
    expect(normalizeBusinessRegistrationNumber(input)).toBeNull();
  });
});
