import { seoulDateOf, spreadsheetCsv, type CsvCell } from '../../common/src/index.js';
import { SettlementLineKind, type SettlementLine } from './settlement-line.entity.js';
import type { SettlementStatement } from './settlement-statement.entity.js';

/** The statement's columns for the agency's bookkeeper (docs/RULES.md §22), in the order of the statement's formula. */
const HEADER = [
  '일자',
  '구분',
  '내용',
  '판매금액',
  '반품',
  '판매자 할인',
  '플랫폼 할인',
  '정산대상금액',
  '수수료율(%)',
  '수수료',
  '추천 수수료',
  '배송비',
  '조정',
  '정산금액',
];

const KIND_NAMES: Record<SettlementLineKind, string> = {
  [SettlementLineKind.ORDER_LINE]: '상품',
  [SettlementLineKind.SHIPPING]: '배송비',
  [SettlementLineKind.RESERVATION]: '서비스 예약',
  [SettlementLineKind.POST_SETTLEMENT_REFUND]: '정산 후 환불',
  [SettlementLineKind.ADJUSTMENT]: '조정',
  [SettlementLineKind.CARRIED_BALANCE]: '이월',
};

/** "600" basis points → "6"; "350" → "3.5". */
function percentOf(rateBps: number | null): string | null {
  return rateBps === null ? null : String(rateBps / 100);
}

/**
 * `SettlementStatement.csv` (docs/RULES.md §22): one row per line in time order (KST dates), then the statement's
 * totals (합계) and the VAT inside its fee; UTF-8 with BOM, CRLF, RFC 4180 quoting, integers without separators.
 */
export function settlementStatementCsv(statement: SettlementStatement, lines: readonly SettlementLine[]): string {
  // By KST date, then in the kinds' order (an order's goods before its shipping), so a reprint is identical.
  const kinds = Object.keys(KIND_NAMES);
  const inOrder = [...lines].sort(
    (a, b) => seoulDateOf(a.occurredAt).localeCompare(seoulDateOf(b.occurredAt)) || kinds.indexOf(a.kind) - kinds.indexOf(b.kind),
  );
  const rows: CsvCell[][] = inOrder.map((line) => [
    seoulDateOf(line.occurredAt),
    KIND_NAMES[line.kind],
    line.description,
    line.grossSales,
    line.returns,
    line.agencyDiscount,
    line.platformDiscount,
    line.salesBase,
    percentOf(line.platformFeeRateBps),
    line.platformFee,
    line.commission,
    line.shipping,
    line.adjustment,
    line.net,
  ]);
  rows.push([
    null,
    '합계',
    `${statement.month} 정산`,
    statement.grossSales,
    statement.returns,
    statement.agencyDiscounts,
    statement.platformDiscounts,
    statement.salesBase,
    null,
    statement.platformFee,
    statement.commissions,
    statement.shipping,
    statement.adjustments + statement.carriedOver,
    statement.netPayable,
  ]);
  rows.push([null, '수수료 부가세', '수수료에 포함된 부가세', null, null, null, null, null, null, statement.platformFeeVat, null, null, null, null]);
  return spreadsheetCsv(HEADER, rows);
}
