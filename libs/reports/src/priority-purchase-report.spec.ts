import { BadUserInputError } from '../../common/src/index.js';
import { OrganizationKind, type Organization } from '../../identity/src/index.js';
import { checkReportRange, periodOf, priorityPurchaseCsv, priorityPurchaseRows, priorityPurchaseTotals } from './priority-purchase-report.js';
import { ReportPeriod, SupplyCategory, type PriorityPurchase } from './priority-purchase-report.model.js';

const supplier = (id: string, name = `공급기관 ${id}`) => ({ id, name, businessRegistrationNumber: '1234567891' }) as Organization;

function purchase(overrides: Partial<PriorityPurchase>): PriorityPurchase {
  return {
    date: '2026-03-10',
    number: 'O20260310ABCDEF',
    supplier: supplier('a'),
    supplierKind: OrganizationKind.COOPERATIVE,
    certified: false,
    certificateNumber: null,
    category: SupplyCategory.GOODS,
    description: '유기농 현미 5kg',
    amount: 10_000,
    purchaseOrderNumber: null,
    taxInvoiceApprovalNumber: null,
    ...overrides,
  };
}

describe('the priority-purchase report (docs/RULES.md §24)', () => {
  it('accepts from ≤ to over at most 366 days, both ends included', () => {
    expect(() => checkReportRange('2028-01-01', '2028-12-31')).not.toThrow();
    expect(() => checkReportRange('2026-03-01', '2026-03-01')).not.toThrow();
    expect(() => checkReportRange('2026-01-01', '2027-01-01')).not.toThrow();
    expect(() => checkReportRange('2026-01-01', '2027-01-02')).toThrow(BadUserInputError);
    expect(() => checkReportRange('2026-03-02', '2026-03-01')).toThrow(BadUserInputError);
  });

  it('labels months, quarters and years and clips them to [from, to]', () => {
    expect(periodOf('2026-02-14', ReportPeriod.MONTH, '2026-01-01', '2026-12-31')).toEqual({
      period: '2026-02',
      periodStart: '2026-02-01',
      periodEnd: '2026-02-28',
    });
    expect(periodOf('2028-02-14', ReportPeriod.MONTH, '2028-02-10', '2028-12-31')).toEqual({
      period: '2028-02',
      periodStart: '2028-02-10',
      periodEnd: '2028-02-29',
    });
    expect(periodOf('2026-02-14', ReportPeriod.QUARTER, '2026-02-10', '2026-12-31')).toEqual({
      period: '2026-Q1',
      periodStart: '2026-02-10',
      periodEnd: '2026-03-31',
    });
    expect(periodOf('2026-11-30', ReportPeriod.QUARTER, '2026-02-10', '2026-11-30')).toEqual({
      period: '2026-Q4',
      periodStart: '2026-10-01',
      periodEnd: '2026-11-30',
    });
    expect(periodOf('2025-12-31', ReportPeriod.YEAR, '2025-07-01', '2026-06-30')).toEqual({
      period: '2025',
      periodStart: '2025-07-01',
      periodEnd: '2025-12-31',
    });
    expect(periodOf('2026-01-01', ReportPeriod.YEAR, '2025-07-01', '2026-06-30')).toEqual({
      period: '2026',
      periodStart: '2026-01-01',
      periodEnd: '2026-06-30',
    });
  });

  it('groups by period, kind, certified and category, counting distinct suppliers, and sorts as §24 says', () => {
    const purchases = [
      purchase({ date: '2026-04-02', supplier: supplier('a'), amount: 1 }),
      purchase({ date: '2026-03-01', supplierKind: OrganizationKind.COMPANY, supplier: supplier('c'), amount: 2 }),
      purchase({ date: '2026-03-02', supplier: supplier('a'), category: SupplyCategory.SERVICES, amount: 4 }),
      purchase({ date: '2026-03-03', supplier: supplier('a'), amount: 8 }),
      purchase({ date: '2026-03-04', supplier: supplier('b'), amount: 16 }),
      purchase({ date: '2026-03-05', supplier: supplier('a'), amount: 32 }),
      purchase({
        date: '2026-03-06',
        supplierKind: OrganizationKind.SOCIAL_ENTERPRISE,
        certified: true,
        certificateNumber: '2024-1',
        supplier: supplier('d'),
        amount: 64,
      }),
      purchase({ date: '2026-03-07', certified: true, certificateNumber: '협-1', supplier: supplier('e'), amount: 128 }),
    ];
    const rows = priorityPurchaseRows(purchases, ReportPeriod.MONTH, '2026-03-01', '2026-04-15');
    expect(rows.map((row) => [row.period, row.supplierKind, row.certified, row.category, row.purchaseCount, row.supplierCount, row.amount])).toEqual([
      ['2026-03', 'COOPERATIVE', true, 'GOODS', 1, 1, 128],
      ['2026-03', 'COOPERATIVE', false, 'GOODS', 3, 2, 56],
      ['2026-03', 'COOPERATIVE', false, 'SERVICES', 1, 1, 4],
      ['2026-03', 'SOCIAL_ENTERPRISE', true, 'GOODS', 1, 1, 64],
      ['2026-03', 'COMPANY', false, 'GOODS', 1, 1, 2],
      ['2026-04', 'COOPERATIVE', false, 'GOODS', 1, 1, 1],
    ]);
    expect(rows.at(-1)).toMatchObject({ periodStart: '2026-04-01', periodEnd: '2026-04-15' });
    expect(priorityPurchaseTotals(purchases)).toEqual({ total: 255, certifiedTotal: 192 });
    expect(priorityPurchaseRows([], ReportPeriod.YEAR, '2026-01-01', '2026-12-31')).toEqual([]);
  });

  it('writes the CSV with BOM, Korean headers and kinds, RFC 4180 quoting and plain integers', () => {
    const csv = priorityPurchaseCsv([
      purchase({
        supplier: supplier('a', '햇살 "협동", 조합'),
        amount: 1_234_567,
        purchaseOrderNumber: '품의-1',
        taxInvoiceApprovalNumber: '20260310-41000000-12345678',
      }),
      purchase({
        date: '2026-03-11',
        number: 'R20260311ZZZZZZ',
        supplierKind: OrganizationKind.NONPROFIT,
        certified: true,
        certificateNumber: '제2024-1호',
        category: SupplyCategory.SERVICES,
        description: '목공 체험, 2시간',
      }),
    ]);
    expect(csv).toBe(
      '\uFEFF구매일자,주문번호,공급기관명,사업자등록번호,기업유형,인증여부,인증번호,구분,품명,금액(원),품의번호,세금계산서 승인번호\r\n' +
        '2026-03-10,O20260310ABCDEF,"햇살 ""협동"", 조합",123-45-67891,협동조합,N,,물품,유기농 현미 5kg,1234567,품의-1,20260310-41000000-12345678\r\n' +
        '2026-03-11,R20260311ZZZZZZ,공급기관 a,123-45-67891,비영리법인·단체,Y,제2024-1호,용역,"목공 체험, 2시간",10000,,\r\n',
    );
  });
});
