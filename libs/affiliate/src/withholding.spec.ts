import { MarketCreatorKind } from './market-creator.entity.js';
import { payoutAmounts, withholdingFor } from './withholding.js';

const MINIMUM = 10_000;

describe('payoutAmounts (docs/RULES.md §10 withholding)', () => {
  it.each([
    // kind, gross → income tax, local income tax, withholding, net
    [MarketCreatorKind.INDIVIDUAL, 20_000, 600, 60, 660, 19_340],
    [MarketCreatorKind.INDIVIDUAL, 15_555, 460, 40, 500, 15_055],
    [MarketCreatorKind.CELEBRITY, 20_000, 600, 60, 660, 19_340],
    [MarketCreatorKind.CELEBRITY, 10_000, 300, 30, 330, 9_670],
    [MarketCreatorKind.INDIVIDUAL, 123_456, 3_700, 370, 4_070, 119_386],
    [MarketCreatorKind.CORPORATE, 20_000, 0, 0, 0, 20_000],
    [MarketCreatorKind.PUBLIC_INTEREST, 15_555, 0, 0, 0, 15_555],
  ])('%s %i → %i + %i = %i withheld, %i paid', (kind, gross, incomeTax, localIncomeTax, total, net) => {
    expect(payoutAmounts(kind, gross, MINIMUM)).toEqual({ gross, incomeTax, localIncomeTax, total, net });
  });

  it.each([9_990, 9_999, 0])('%i is below the 10,000 minimum and carries over', (gross) => {
    expect(payoutAmounts(MarketCreatorKind.INDIVIDUAL, gross, MINIMUM)).toBeNull();
    expect(payoutAmounts(MarketCreatorKind.CORPORATE, gross, MINIMUM)).toBeNull();
  });

  it('floors each tax to 10 won separately (466.65 → 460 and 46.665 → 40, not 513 → 510)', () => {
    expect(withholdingFor(MarketCreatorKind.INDIVIDUAL, 15_555)).toEqual({ incomeTax: 460, localIncomeTax: 40, total: 500 });
  });

  it('is exact near 2^53 − 1, where floating point withholds 10 won too much', () => {
    expect(withholdingFor(MarketCreatorKind.INDIVIDUAL, 9_007_199_254_740_333).incomeTax).toBe(270_215_977_642_200);
  });
});
