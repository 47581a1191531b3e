import { BadUserInputError, addDays, spreadsheetCsv } from '../../common/src/index.js';
import { OrganizationKind } from '../../identity/src/index.js';
import { PriorityPurchase, PriorityPurchaseRow, ReportPeriod, SupplyCategory } from './priority-purchase-report.model.js';

/** docs/RULES.md §24: at most 366 days, both ends included. */
export const MAX_REPORT_DAYS = 366;

/** `from` ≤ `to`, at most 366 days (BAD_USER_INPUT on `to`). */
export function checkReportRange(from: string, to: string): void {
  if (to < from) throw BadUserInputError.field('to', 'must not be before from');
  if (to > addDays(from, MAX_REPORT_DAYS - 1)) throw BadUserInputError.field('to', `the report covers at most ${MAX_REPORT_DAYS} days`);
}

/** A report period: its label and its days, clipped to the report's [from, to]. */
export interface ClippedPeriod {
  period: string;
  periodStart: string;
  periodEnd: string;
}

/** The last day of `month` (0-based) of `year`, as YYYY-MM-DD. */
function lastDayOfMonth(year: number, month: number): string {
  return new Date(Date.UTC(year, month + 1, 0)).toISOString().slice(0, 10);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The period of `date` ("2026-03", "2026-Q1", "2026"), its first and last days clipped to [from, to]. */
export function periodOf(date: string, groupBy: ReportPeriod, from: string, to: string): ClippedPeriod {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7)) - 1;
  const [period, firstMonth, lastMonth] =
    groupBy === ReportPeriod.MONTH
      ? [`${year}-${pad(month + 1)}`, month, month]
      : groupBy === ReportPeriod.QUARTER
        ? [`${year}-Q${Math.floor(month / 3) + 1}`, month - (month % 3), month - (month % 3) + 2]
        : [`${year}`, 0, 11];
  const start = `${year}-${pad(firstMonth + 1)}-01`;
  const end = lastDayOfMonth(year, lastMonth);
  return { period, periodStart: start < from ? from : start, periodEnd: end > to ? to : end };
}

const KIND_ORDER = Object.values(OrganizationKind);
const CATEGORY_ORDER = [SupplyCategory.GOODS, SupplyCategory.SERVICES];

/**
 * docs/RULES.md §24: purchases grouped by (period, supplier kind, certified, category), sorted by period,
 * kind in the contract's declaration order, certified first, GOODS first.
 */
export function priorityPurchaseRows(purchases: readonly PriorityPurchase[], groupBy: ReportPeriod, from: string, to: string): PriorityPurchaseRow[] {
  const groups = new Map<string, { row: PriorityPurchaseRow; suppliers: Set<string> }>();
  for (const purchase of purchases) {
    const period = periodOf(purchase.date, groupBy, from, to);
    const key = [period.period, purchase.supplierKind, purchase.certified, purchase.category].join('|');
    const group = groups.get(key) ?? {
      row: {
        ...period,
        supplierKind: purchase.supplierKind,
        certified: purchase.certified,
        category: purchase.category,
        purchaseCount: 0,
        supplierCount: 0,
        amount: 0,
      },
      suppliers: new Set<string>(),
    };
    group.row.purchaseCount += 1;
    group.row.amount += purchase.amount;
    group.suppliers.add(purchase.supplier.id);
    group.row.supplierCount = group.suppliers.size;
    groups.set(key, group);
  }
  return [...groups.values()]
    .map((group) => group.row)
    .sort(
      (a, b) =>
        a.period.localeCompare(b.period) ||
        KIND_ORDER.indexOf(a.supplierKind) - KIND_ORDER.indexOf(b.supplierKind) ||
        Number(b.certified) - Number(a.certified) ||
        CATEGORY_ORDER.indexOf(a.category) - CATEGORY_ORDER.indexOf(b.category),
    );
}

/** Σ amount of all purchases and of the certified ones. */
export function priorityPurchaseTotals(purchases: readonly PriorityPurchase[]): { total: number; certifiedTotal: number } {
  const sum = (counted: readonly PriorityPurchase[]) => counted.reduce((total, purchase) => total + purchase.amount, 0);
  return { total: sum(purchases), certifiedTotal: sum(purchases.filter((purchase) => purchase.certified)) };
}

/** docs/RULES.md §24: the kinds as Korean forms name them. */
export const KOREAN_KIND_NAMES: Record<OrganizationKind, string> = {
  [OrganizationKind.COOPERATIVE]: '협동조합',
  [OrganizationKind.SOCIAL_COOPERATIVE]: '사회적협동조합',
  [OrganizationKind.SOCIAL_ENTERPRISE]: '사회적기업',
  [OrganizationKind.PRE_SOCIAL_ENTERPRISE]: '예비사회적기업',
  [OrganizationKind.VILLAGE_ENTERPRISE]: '마을기업',
  [OrganizationKind.SELF_SUFFICIENCY_ENTERPRISE]: '자활기업',
  [OrganizationKind.SOCIAL_VENTURE]: '소셜벤처',
  [OrganizationKind.NONPROFIT]: '비영리법인·단체',
  [OrganizationKind.PUBLIC_INSTITUTION]: '공공기관',
  [OrganizationKind.COMPANY]: '일반기업',
};

const KOREAN_CATEGORY_NAMES: Record<SupplyCategory, string> = { [SupplyCategory.GOODS]: '물품', [SupplyCategory.SERVICES]: '용역' };

export const PRIORITY_PURCHASE_CSV_HEADER = [
  '구매일자',
  '주문번호',
  '공급기관명',
  '사업자등록번호',
  '기업유형',
  '인증여부',
  '인증번호',
  '구분',
  '품명',
  '금액(원)',
  '품의번호',
  '세금계산서 승인번호',
];

/** 123-45-67890, as registration numbers are printed (and so that a spreadsheet keeps it text). */
function printedRegistrationNumber(digits: string): string {
  return `${digits.slice(0, 3)}-${digits.slice(3, 5)}-${digits.slice(5)}`;
}

/** docs/RULES.md §24: one record per purchase, in the order given; 인증여부 Y or N. */
export function priorityPurchaseCsv(purchases: readonly PriorityPurchase[]): string {
  return spreadsheetCsv(
    PRIORITY_PURCHASE_CSV_HEADER,
    purchases.map((purchase) => [
      purchase.date,
      purchase.number,
      purchase.supplier.name,
      printedRegistrationNumber(purchase.supplier.businessRegistrationNumber),
      KOREAN_KIND_NAMES[purchase.supplierKind],
      purchase.certified ? 'Y' : 'N',
      purchase.certificateNumber,
      KOREAN_CATEGORY_NAMES[purchase.category],
      purchase.description,
      purchase.amount,
      purchase.purchaseOrderNumber,
      purchase.taxInvoiceApprovalNumber,
    ]),
  );
}
