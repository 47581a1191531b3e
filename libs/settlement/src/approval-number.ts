/**
 * The NTS approval number's format (docs/RULES.md §23), with no imports, so the server's check
 * (tax-invoices.service.ts) and the console's form (apps/console) read the one rule.
 */

/** 24 letters and digits once dashes are dropped. */
const APPROVAL_NUMBER = /^[0-9A-Z]{24}$/;

/** A typed approval number as stored: dashes dropped, upper case; null when nothing is left. */
export function normalizedApprovalNumber(typed: string | null | undefined): string | null {
  return typed?.replace(/-/g, '').trim().toUpperCase() || null;
}

/** Whether a normalized number has the NTS's format. */
export function isApprovalNumber(normalized: string): boolean {
  return APPROVAL_NUMBER.test(normalized);
}
