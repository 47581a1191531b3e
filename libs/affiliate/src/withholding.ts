import { applyBps } from '../../common/src/index.js';
import { MarketCreatorKind } from './market-creator.entity.js';

/** 소득세 3 % and 지방소득세 0.3 % of the gross payout (docs/RULES.md §10). */
export const INCOME_TAX_BPS = 300;
export const LOCAL_INCOME_TAX_BPS = 30;

/** Kinds paid as individuals' business income, from which tax is withheld. */
const WITHHELD_KINDS: readonly MarketCreatorKind[] = [MarketCreatorKind.INDIVIDUAL, MarketCreatorKind.CELEBRITY];

export interface Withholding {
  incomeTax: number;
  localIncomeTax: number;
  total: number;
}

/** Korean tax amounts drop the last digit: floor to 10 won. */
function taxAt(gross: number, rateBps: number): number {
  const tax = applyBps(gross, rateBps);
  return tax - (tax % 10);
}

export function withholdingFor(kind: MarketCreatorKind, gross: number): Withholding {
  if (!WITHHELD_KINDS.includes(kind)) return { incomeTax: 0, localIncomeTax: 0, total: 0 };
  const incomeTax = taxAt(gross, INCOME_TAX_BPS);
  const localIncomeTax = taxAt(gross, LOCAL_INCOME_TAX_BPS);
  return { incomeTax, localIncomeTax, total: incomeTax + localIncomeTax };
}

export interface PayoutAmounts extends Withholding {
  gross: number;
  net: number;
}

/** What one payout pays, or null when the gross is below the minimum and carries over to the next period. */
export function payoutAmounts(kind: MarketCreatorKind, gross: number, minimum: number): PayoutAmounts | null {
  if (gross < minimum) return null;
  const withholding = withholdingFor(kind, gross);
  return { gross, ...withholding, net: gross - withholding.total };
}
