import { readFile } from 'node:fs/promises';
import type { Download, Page } from 'playwright-core';
import { scheduledPayout } from '../support/affiliate.js';
import { ADVANCE, advanceTo } from '../support/booking.js';
import { activePartnerAgency } from '../support/catalog.js';
import { ORDER, SET_CART_LINE, checkout, goodsListing } from '../support/commerce.js';
import { consoleInBrowser } from '../support/console-browser.js';
import { newOrganization } from '../support/membership.js';
import { gqlTo } from '../support/server-process.js';
import { OPERATOR_ENV, logInOperator } from '../support/test-app.js';

const PAY_CHECKOUT = `mutation($input: PayInput!) { payCheckout(input: $input) { orders { id } } }`;
const SHIP = `mutation($input: ShipOrderInput!) { shipOrder(input: $input) { id } }`;
const CONFIRM = `mutation($id: ID!) { confirmOrder(orderId: $id) { id status } }`;
const STATEMENT = `query($agency: ID, $month: String) {
  settlementStatements(partnerAgencyId: $agency, month: $month, first: 1) { nodes { status netPayable adjustments disputeReason } } }`;
const INVOICES = `query($agency: ID!) { taxInvoices(partnerAgencyId: $agency, first: 10) { nodes { status approvalNumber order { id } } } }`;
const PAYOUTS = `query($filter: PayoutFilter) { payouts(filter: $filter) { nodes { id status } } }`;
const ON_BEHALF_OF = {
  purchaseOrderNumber: '품의-2027-0042',
  taxInvoice: { email: 'tax@city.go.kr', contactName: '박담당', businessType: '공공행정', businessItem: '일반행정' },
};

/** The text of the CSV a download saved, BOM included. */
async function csvOf(download: Download): Promise<string> {
  return readFile((await download.path())!, 'utf8');
}

/** Clicks `button` and waits for the file it downloads. */
async function downloaded(page: Page, button: string): Promise<Download> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  return download;
}

/**
 * The money screens of the console in a browser (issue 20, docs/RULES.md §10, §22–§24): a public institution
 * buys goods on account in February and March (through the API), the monthly job makes February's statement,
 * and the operator generates, adjusts and issues March's in the browser; the agency reads it, disputes it and
 * records a tax invoice (a malformed approval number refused on its field first), with February's overdue
 * one in red; the operator answers the dispute, pays a market creator's payout and reads the institution's
 * priority-purchase report. Both CSVs are downloaded and read.
 */
describe('console: settlement, payouts and the priority-purchase report', () => {
  const ui = consoleInBrowser({ DURE_TEST_CLOCK: '1' });
  const { newPage, logIn, checkAccessibilityAndPhotograph } = ui;

  it('the operator issues a statement, the agency disputes it and records a tax invoice, payouts and the report', async () => {
    const { t, server } = ui;
    const operatorToken = await logInOperator(t);
    // Mon 2027-02-15 10:00 KST: February's sale is due for its tax invoice on Wed 2027-03-10.
    await advanceTo(t, operatorToken, '2027-02-15T01:00:00Z');
    const shop = await activePartnerAgency(t, operatorToken, { name: '햇살 협동조합' });
    const rice = await goodsListing(t, shop, { stock: 50 }, { title: '유기농 현미 20kg', price: 40_000 });
    const institution = await newOrganization(t, '서천군청');

    /** A B2B order of one bag, paid by transfer (so its tax invoice is due), shipped and confirmed. */
    const boughtAndConfirmed = async (): Promise<string> => {
      await t.ok(SET_CART_LINE, { listingId: rice, quantity: 1 }, institution.owner.token);
      const res = await checkout(t, institution.owner.token, { onBehalfOf: { ...ON_BEHALF_OF, organizationId: institution.organizationId } });
      const checkoutId = res.data!.checkout.id;
      const paid = await t.ok(PAY_CHECKOUT, { input: { id: checkoutId, paymentKey: `sim_transfer_${checkoutId}` } }, institution.owner.token);
      const orderId: string = paid.payCheckout.orders[0].id;
      await t.ok(SHIP, { input: { orderId, carrier: 'DIRECT' } }, shop.owner.token);
      expect((await t.ok(CONFIRM, { id: orderId }, institution.owner.token)).confirmOrder.status).toBe('CONFIRMED');
      return orderId;
    };
    const february = await boughtAndConfirmed();
    // The 1st of March 01:00 job makes February's DRAFT.
    await advanceTo(t, operatorToken, '2027-03-15T01:00:00Z');
    const march = await boughtAndConfirmed();
    const marchNumber: string = (await t.ok(ORDER, { id: march }, shop.owner.token)).order.number;
    const payoutId = await scheduledPayout(t, operatorToken, rice, shop.id);
    // The browser's server moves to Thu 2027-04-01 00:30 KST: March is over, its monthly job (01:00) not yet run.
    const advanced = await gqlTo(server, ADVANCE, { to: '2027-03-31T15:30:00Z' }, operatorToken);
    expect(advanced.errors).toBeUndefined();
    const marchStatement = async () =>
      (await t.ok(STATEMENT, { agency: shop.id, month: '2027-03' }, operatorToken)).settlementStatements.nodes[0] as Record<string, unknown> | undefined;
    expect(await marchStatement()).toBeUndefined();

    // The operator generates March in the browser, adjusts and issues it.
    const operator = await newPage();
    await logIn(operator, OPERATOR_ENV.DURE_OPERATOR_EMAIL, OPERATOR_ENV.DURE_OPERATOR_PASSWORD);
    await operator.getByRole('link', { name: '정산' }).click();
    await operator.getByRole('button', { name: '햇살 협동조합 2027년 2월 정산서 보기' }).waitFor();
    await operator.getByLabel('생성할 정산월').fill('2027-03');
    await operator.getByRole('button', { name: '정산서 생성' }).click();
    await operator.getByRole('status').getByText('2027년 3월 정산서 1건을 생성했습니다.').waitFor();
    const drafted = (await marchStatement())!;
    expect(drafted.status).toBe('DRAFT');
    const netPayable = drafted.netPayable as number;

    await operator.getByRole('button', { name: '햇살 협동조합 2027년 3월 정산서 보기' }).click();
    const dialog = operator.getByRole('dialog', { name: '햇살 협동조합 2027년 3월 정산서' });
    await dialog
      .getByRole('row', { name: /^지급액/ })
      .getByText(`${netPayable.toLocaleString('ko-KR')}원`)
      .waitFor();
    await dialog
      .getByRole('table', { name: /정산 내역/ })
      .getByText('주문 상품')
      .waitFor();
    const statementCsv = await csvOf(await downloaded(operator, 'CSV 내려받기'));
    expect(statementCsv.split('\r\n')[0]).toBe(
      '\uFEFF일자,구분,내용,판매금액,반품,판매자 할인,플랫폼 할인,정산대상금액,수수료율(%),수수료,추천 수수료,배송비,조정,정산금액',
    );
    expect(statementCsv).toContain(`합계`);

    await dialog.getByLabel('조정 금액 (원)').fill('-5000');
    await dialog.getByLabel('조정 사유').fill('포장재 지원 정산');
    await dialog.getByRole('button', { name: '조정 추가' }).click();
    await dialog
      .getByRole('row', { name: /^지급액/ })
      .getByText(`${(netPayable - 5_000).toLocaleString('ko-KR')}원`)
      .waitFor();
    await dialog.getByText('포장재 지원 정산').waitFor();
    await checkAccessibilityAndPhotograph(operator, 'operator-settlement');
    await dialog.getByRole('button', { name: '정산서 발행' }).click();
    // ISSUED: what is left to the operator is the payment once the dispute window is over.
    await dialog.getByRole('textbox', { name: '이체 참조 번호' }).waitFor();
    expect(await marchStatement()).toMatchObject({ status: 'ISSUED', adjustments: -5_000, netPayable: netPayable - 5_000 });
    await dialog.getByRole('button', { name: '닫기' }).click();

    // The agency reads March's statement and disputes it; it records March's tax invoice.
    const agency = await newPage();
    await logIn(agency, shop.owner.email, 'correct horse battery');
    await agency.getByRole('heading', { name: '오늘 할 일' }).waitFor();
    await agency.getByRole('link', { name: '정산' }).click();
    await agency.getByRole('button', { name: '햇살 협동조합 2027년 3월 정산서 보기' }).click();
    const statement = agency.getByRole('dialog', { name: '햇살 협동조합 2027년 3월 정산서' });
    await statement.getByText('포장재 지원 정산').waitFor();
    await statement.getByLabel('이의 사유').fill('조정 금액의 근거를 알려 주세요.');
    await statement.getByRole('button', { name: '이의 제기' }).click();
    await statement.getByText('이의 사유: 조정 금액의 근거를 알려 주세요.').waitFor();
    expect(await marchStatement()).toMatchObject({ status: 'DISPUTED', disputeReason: '조정 금액의 근거를 알려 주세요.' });
    await statement.getByRole('button', { name: '닫기' }).click();

    // February's invoice was due on 10 March: it is marked overdue; March's is due on 12 April.
    const februaryNumber: string = (await t.ok(ORDER, { id: february }, shop.owner.token)).order.number;
    await agency
      .getByRole('row', { name: new RegExp(februaryNumber) })
      .getByText('(기한 지남)')
      .waitFor();
    expect(
      await agency
        .getByRole('row', { name: new RegExp(marchNumber) })
        .getByText('(기한 지남)')
        .count(),
    ).toBe(0);
    await checkAccessibilityAndPhotograph(agency, 'agency-settlement');

    await agency.getByRole('button', { name: `${marchNumber} 세금계산서 발행 기록` }).click();
    const record = agency.getByRole('dialog', { name: `${marchNumber} 세금계산서 발행 기록` });
    const approvalNumber = record.getByLabel('세금계산서 승인번호');
    await approvalNumber.fill('20270331-4100-0012');
    await record.getByLabel('발행일').fill('2027-03-31');
    await record.getByRole('button', { name: '발행 기록' }).click();
    await record.getByText('국세청 승인번호는 영문과 숫자 24자리입니다 (- 제외).').waitFor();
    expect(await approvalNumber.getAttribute('aria-invalid')).toBe('true');
    expect(await agency.evaluate('document.activeElement.id')).toBe(await approvalNumber.getAttribute('id'));
    await approvalNumber.fill('20270331-41000012-34567890');
    await record.getByRole('button', { name: '발행 기록' }).click();
    await record.waitFor({ state: 'detached' });
    await agency.getByRole('row', { name: new RegExp(marchNumber) }).waitFor({ state: 'detached' });
    const invoices = (await t.ok(INVOICES, { agency: shop.id }, shop.owner.token)).taxInvoices.nodes as Array<Record<string, any>>;
    expect(invoices.find((invoice) => invoice.order.id === march)).toMatchObject({ status: 'ISSUED', approvalNumber: '202703314100001234567890' });

    // The operator answers the dispute: the statement is ISSUED again.
    await operator.reload();
    await operator.getByRole('button', { name: '햇살 협동조합 2027년 3월 정산서 보기' }).click();
    await dialog.getByLabel('이의 처리 결과').fill('포장재 지원금 정산 내역을 메일로 보냈습니다.');
    await dialog.getByRole('button', { name: '이의 처리 완료' }).click();
    await dialog.getByRole('textbox', { name: '이체 참조 번호' }).waitFor();
    expect(await marchStatement()).toMatchObject({ status: 'ISSUED' });
    await dialog.getByRole('button', { name: '닫기' }).click();

    // Payouts: the list shows the scheduled payout; running its period again makes nothing new and shows that period;
    // the operator marks it paid and finds it under 지급 완료, not under 지급 예정.
    await operator.getByRole('link', { name: '지급' }).click();
    const paidButton = operator.getByRole('button', { name: /지급 완료 처리$/ });
    await paidButton.waitFor();
    await operator.getByLabel('실행할 기간 끝날짜').fill('2027-03-15');
    await operator.getByRole('button', { name: '지급 실행' }).click();
    await operator.getByRole('status').getByText('지급 1건이 있습니다', { exact: false }).waitFor();
    expect(await operator.getByLabel('기간 끝날짜', { exact: true }).inputValue()).toBe('2027-03-15');
    await checkAccessibilityAndPhotograph(operator, 'operator-payouts');
    await paidButton.click();
    const payoutsTable = operator.getByRole('table', { name: /^지급 1건/ });
    await payoutsTable.getByText('지급 완료', { exact: true }).waitFor();
    const choosePayoutStatus = async (label: string) => {
      await operator.getByRole('combobox', { name: '상태' }).click();
      await operator.getByRole('option', { name: label }).click();
    };
    await choosePayoutStatus('지급 예정');
    await operator.getByText('조건에 맞는 지급이 없습니다.').waitFor();
    await choosePayoutStatus('지급 완료');
    await payoutsTable.getByText('지급 완료', { exact: true }).waitFor();
    const period = (await t.ok(PAYOUTS, { filter: { periodEnd: '2027-03-15' } }, operatorToken)).payouts.nodes as Array<{ id: string; status: string }>;
    expect(period).toEqual([{ id: payoutId, status: 'PAID' }]);

    // The institution's priority-purchase report: both purchases, by month, and its evidence CSV.
    await operator.getByRole('link', { name: '우선구매 실적' }).click();
    await operator.getByLabel('구매 기관 ID').fill(institution.organizationId);
    await operator.getByLabel('시작일').fill('2027-01-01');
    await operator.getByLabel('종료일').fill('2027-03-31');
    await operator.getByRole('button', { name: '조회' }).click();
    const report = operator.getByRole('table', { name: /월별 구매 실적/ });
    await report.getByRole('row', { name: /^2027-02/ }).waitFor();
    await report.getByRole('row', { name: /^2027-03/ }).waitFor();
    await operator.getByRole('status').getByText('서천군청', { exact: false }).waitFor();
    await checkAccessibilityAndPhotograph(operator, 'operator-report');
    const reportCsv = await csvOf(await downloaded(operator, '구매 증빙 CSV 내려받기'));
    const [header, ...records] = reportCsv.split('\r\n');
    expect(header).toBe('\uFEFF구매일자,주문번호,공급기관명,사업자등록번호,기업유형,인증여부,인증번호,구분,품명,금액(원),품의번호,세금계산서 승인번호');
    expect(records.filter(Boolean)).toHaveLength(2);
    expect(records.join('\n')).toContain('202703314100001234567890');
  }, 240_000);
});
