import { BadUserInputError } from '../../common/src/index.js';
import { Carrier } from './carrier.js';
import { parcelLabelOf } from './parcel-label.js';

function problemsOf(input: Parameters<typeof parcelLabelOf>[0]): Array<{ field: string }> {
  try {
    parcelLabelOf(input);
    return [];
  } catch (error) {
    if (!(error instanceof BadUserInputError)) throw error;
    return error.fields.map(({ field }) => ({ field }));
  }
}

describe('tracking-number formats per carrier (docs/RULES.md §17)', () => {
  it.each([
    [Carrier.CJ_LOGISTICS, '1234567890', '1234567890'],
    [Carrier.CJ_LOGISTICS, '1234-5678-9012', '123456789012'],
    [Carrier.KOREA_POST, '123 4567 890123', '1234567890123'],
    [Carrier.HANJIN, '123456789', '123456789'],
    [Carrier.LOTTE, '123456789012345', '123456789012345'],
    [Carrier.LOGEN, ' 12345-67890 ', '1234567890'],
    [Carrier.KD_EXPRESS, '12345678901', '12345678901'],
  ])('%s accepts %p as %p', (carrier, typed, stored) => {
    expect(parcelLabelOf({ carrier, trackingNumber: typed })).toEqual({ carrier, carrierName: null, trackingNumber: stored });
  });

  it.each([
    [Carrier.CJ_LOGISTICS, '12345678901'],
    [Carrier.CJ_LOGISTICS, '1234567890123'],
    [Carrier.CJ_LOGISTICS, '123456789'],
    [Carrier.KOREA_POST, '123456789012'],
    [Carrier.KOREA_POST, '12345678901234'],
    [Carrier.HANJIN, '12345678'],
    [Carrier.LOTTE, '1234567890123456'],
    [Carrier.LOGEN, '12345678A0'],
    [Carrier.KD_EXPRESS, '12.345.678.90'],
    [Carrier.HANJIN, ''],
    [Carrier.HANJIN, null],
    [Carrier.OTHER, null],
  ])('%s refuses %p on trackingNumber', (carrier, typed) => {
    const carrierName = carrier === Carrier.OTHER ? '천일택배' : null;
    expect(problemsOf({ carrier, carrierName, trackingNumber: typed })).toEqual([{ field: 'trackingNumber' }]);
  });

  it('OTHER needs carrierName and takes 9–15 digits; DIRECT takes no number; a name belongs to OTHER only', () => {
    expect(parcelLabelOf({ carrier: Carrier.OTHER, carrierName: ' 천일택배 ', trackingNumber: '123-456-789' })).toEqual({
      carrier: Carrier.OTHER,
      carrierName: '천일택배',
      trackingNumber: '123456789',
    });
    expect(problemsOf({ carrier: Carrier.OTHER, carrierName: '  ', trackingNumber: '123456789' })).toEqual([{ field: 'carrierName' }]);
    expect(parcelLabelOf({ carrier: Carrier.DIRECT, trackingNumber: ' ' })).toEqual({ carrier: Carrier.DIRECT, carrierName: null, trackingNumber: null });
    expect(problemsOf({ carrier: Carrier.DIRECT, trackingNumber: '123456789' })).toEqual([{ field: 'trackingNumber' }]);
    expect(problemsOf({ carrier: Carrier.HANJIN, carrierName: '한진', trackingNumber: '123456789' })).toEqual([{ field: 'carrierName' }]);
  });
});
