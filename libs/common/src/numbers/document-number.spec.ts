import { newDocumentNumber } from './document-number.js';

describe('newDocumentNumber', () => {
  it('carries the letter, the date in Korea (UTC+9) and six unambiguous characters', () => {
    expect(newDocumentNumber('R', new Date('2026-11-23T16:30:00Z'))).toMatch(/^R261124-[0-9A-HJKMNP-TV-Z]{6}$/);
    expect(newDocumentNumber('C', new Date('2026-03-13T06:00:00Z'))).toMatch(/^C260313-[0-9A-HJKMNP-TV-Z]{6}$/);
  });
});
