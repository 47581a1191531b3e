import { isUuid } from '../../common/src/index.js';
import { toSafeWon } from './amount.js';

/**
 * The chart of accounts. Per-owner accounts (one per partner agency, one per market creator) are the same
 * kind with an owner id; every other account exists once.
 */
export enum AccountKind {
  /** Money the payment provider captured for us and still holds or will settle to us (an asset). */
  PROVIDER_CLEARING = 'PROVIDER_CLEARING',
  /** Money that has left the platform by bank transfer: payouts, remitted tax (a contra-asset). */
  CASH_PAID_OUT = 'CASH_PAID_OUT',
  /** The platform's fee on each sale. */
  PLATFORM_REVENUE_FEES = 'PLATFORM_REVENUE_FEES',
  /** Membership dues. */
  PLATFORM_REVENUE_DUES = 'PLATFORM_REVENUE_DUES',
  /** What the platform owes one partner agency (owner: the agency). */
  PARTNER_AGENCY_PAYABLE = 'PARTNER_AGENCY_PAYABLE',
  /** Commission owed to one market creator (owner: the market creator). */
  MARKET_CREATOR_PAYABLE = 'MARKET_CREATOR_PAYABLE',
  /** Tax withheld from payouts, owed to the tax office. */
  WITHHOLDING_TAX_PAYABLE = 'WITHHOLDING_TAX_PAYABLE',
  /** Refunds granted to buyers until the provider has returned the money. */
  REFUNDS = 'REFUNDS',
  /** Platform-funded coupon discounts: what the platform pays so buyers pay less (an expense, docs/RULES.md §19). */
  PLATFORM_PROMOTIONS = 'PLATFORM_PROMOTIONS',
}

export type NormalSide = 'DEBIT' | 'CREDIT';

/** Which side grows each account, and whether it is kept per owner. */
const CHART: Record<AccountKind, { normal: NormalSide; owned: boolean }> = {
  [AccountKind.PROVIDER_CLEARING]: { normal: 'DEBIT', owned: false },
  [AccountKind.CASH_PAID_OUT]: { normal: 'CREDIT', owned: false },
  [AccountKind.PLATFORM_REVENUE_FEES]: { normal: 'CREDIT', owned: false },
  [AccountKind.PLATFORM_REVENUE_DUES]: { normal: 'CREDIT', owned: false },
  [AccountKind.PARTNER_AGENCY_PAYABLE]: { normal: 'CREDIT', owned: true },
  [AccountKind.MARKET_CREATOR_PAYABLE]: { normal: 'CREDIT', owned: true },
  [AccountKind.WITHHOLDING_TAX_PAYABLE]: { normal: 'CREDIT', owned: false },
  [AccountKind.REFUNDS]: { normal: 'CREDIT', owned: false },
  [AccountKind.PLATFORM_PROMOTIONS]: { normal: 'DEBIT', owned: false },
};

export const OWNED_ACCOUNT_KINDS: readonly AccountKind[] = Object.values(AccountKind).filter((kind) => CHART[kind].owned);

export interface Account {
  readonly kind: AccountKind;
  /** The agency or market creator for per-owner kinds; null for the others. */
  readonly ownerId: string | null;
}

/** An account, refusing an owner where there must be none and the reverse (a programming error). */
export function account(kind: AccountKind, ownerId: string | null = null): Account {
  const result = { kind, ownerId };
  assertAccount(result);
  return result;
}

export function assertAccount({ kind, ownerId }: Account): void {
  const entry = CHART[kind];
  if (!entry) throw new Error(`Unknown account kind ${String(kind)}`);
  if (entry.owned && (ownerId === null || !isUuid(ownerId))) throw new Error(`Account ${kind} needs the id of its owner`);
  if (!entry.owned && ownerId !== null) throw new Error(`Account ${kind} has no owner`);
}

/** `KIND` or `KIND:ownerId`: how accounts are named in logs, errors and reports. */
export function accountCode({ kind, ownerId }: Account): string {
  // PostgreSQL returns uuids in lower case; a caller's upper-case id names the same account.
  return ownerId === null ? kind : `${kind}:${ownerId.toLowerCase()}`;
}

export function normalSide(kind: AccountKind): NormalSide {
  return CHART[kind].normal;
}

/**
 * Postings are signed debit-positive; a balance is reported on the account's normal side, so what the
 * platform owes an agency or has earned in fees reads as a positive number.
 */
export function normalBalance(kind: AccountKind, net: bigint): number {
  return toSafeWon(normalSide(kind) === 'DEBIT' ? net : -net);
}
