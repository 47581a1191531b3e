import { newReservationNumber } from './reservation-number.js';

describe('newReservationNumber', () => {
  it('carries the date in Korea (UTC+9) and six unambiguous characters', () => {
    expect(newReservationNumber(new Date('2026-11-23T16:30:00Z'))).toMatch(/^R261124-[0-9A-HJKMNP-TV-Z]{6}$/);
  });
});
