import { isApprovalNumber, normalizedApprovalNumber } from './approval-number.js';

describe('NTS approval numbers (docs/RULES.md §23)', () => {
  it('are stored without dashes or surrounding spaces, in upper case; nothing typed is null', () => {
    expect(normalizedApprovalNumber(' 20270315-41000012-3456789a ')).toBe('20270315410000123456789A');
    expect(normalizedApprovalNumber('--')).toBeNull();
    expect(normalizedApprovalNumber(null)).toBeNull();
  });

  it('are 24 letters and digits once normalized', () => {
    expect(isApprovalNumber('202703154100001234567890')).toBe(true);
    expect(isApprovalNumber('2027031541000012345678AB')).toBe(true);
    expect(isApprovalNumber('20270315410000123456789')).toBe(false);
    expect(isApprovalNumber('2027031541000012345678901')).toBe(false);
    expect(isApprovalNumber('20270315 41000012345678')).toBe(false);
  });
});
