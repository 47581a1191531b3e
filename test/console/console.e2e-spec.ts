import { CREATE_LISTING, LISTING, activePartnerAgency, serviceListingInput } from '../support/catalog.js';
import { ORDER, goodsListing, paidOrder } from '../support/commerce.js';
import { consoleInBrowser } from '../support/console-browser.js';
import { APPLY, applicationInput, newOrganization, payInvoice, viewAgency } from '../support/membership.js';
import { OPERATOR_ENV, logInOperator, signUp } from '../support/test-app.js';

/**
 * The console (apps/console) in a real browser: the operator approves a partner-agency application, the
 * agency publishes a listing and ships an order. Every main screen is checked with axe-core (no serious or
 * critical violation) and photographed into docs/console/.
 */
describe('console in a browser', () => {
  const ui = consoleInBrowser();
  const { newPage, logIn, checkAccessibilityAndPhotograph } = ui;

  it('the operator approves an application and the agency publishes a listing', async () => {
    const { t, server } = ui;
    const operatorToken = await logInOperator(t);
    const { owner, organizationId } = await newOrganization(t, '마을부엌 협동조합');
    const applied = await t.ok(APPLY, { input: await applicationInput(t, organizationId) }, owner.token);
    const agencyId: string = applied.applyAsPartnerAgency.id;

    const operator = await newPage();
    await operator.goto(`${server.url}/console/`);
    await operator.getByRole('heading', { name: '두레 콘솔 로그인' }).waitFor();
    await checkAccessibilityAndPhotograph(operator, 'login');

    // A wrong password is refused on the page, read out as an alert.
    await logIn(operator, OPERATOR_ENV.DURE_OPERATOR_EMAIL, 'not-the-password');
    await operator.getByRole('alert').waitFor();
    await operator.getByLabel('비밀번호').fill(OPERATOR_ENV.DURE_OPERATOR_PASSWORD);
    await operator.getByRole('button', { name: '로그인' }).click();

    const application = operator.getByRole('region', { name: '마을부엌 협동조합' });
    await application.waitFor();
    await checkAccessibilityAndPhotograph(operator, 'operator-review');
    await application.getByLabel('심사 의견').fill('서류 확인 완료');
    await application.getByRole('button', { name: '승인' }).click();
    await operator.getByText('심사를 기다리는 신청이 없습니다.').waitFor();
    expect((await viewAgency(t, agencyId, operatorToken)).status).toBe('AWAITING_DUES');

    // The owner pays the first dues (the simulated provider) and writes a listing, still a draft.
    const [firstInvoice] = (await viewAgency(t, agencyId, owner.token)).duesInvoices;
    await payInvoice(t, firstInvoice.id, owner.token);
    const created = await t.ok(CREATE_LISTING, { input: serviceListingInput(agencyId, { title: '반찬 나눔 배달' }) }, owner.token);
    const listingId: string = created.createListing.id;

    await operator.getByRole('link', { name: '파트너 기관' }).click();
    const row = operator.getByRole('row', { name: /마을부엌 협동조합/ });
    await row.getByText('활동 중').waitFor();
    await checkAccessibilityAndPhotograph(operator, 'operator-agencies');

    await operator.getByRole('link', { name: '휴무일' }).click();
    await operator.getByRole('button', { name: /휴무일 저장/ }).waitFor();
    await checkAccessibilityAndPhotograph(operator, 'operator-non-business-days');

    await operator.getByRole('link', { name: '실패한 작업' }).click();
    await operator.getByText('실패한 작업이 없습니다.').waitFor();
    await checkAccessibilityAndPhotograph(operator, 'operator-failed-jobs');

    const agency = await newPage();
    await logIn(agency, owner.email, 'correct horse battery');
    await agency.getByRole('heading', { name: '오늘 할 일' }).waitFor();
    await agency.getByText('발송할 주문이 없습니다.').waitFor();
    await checkAccessibilityAndPhotograph(agency, 'agency-dashboard');

    await agency.getByRole('link', { name: '상품·서비스' }).click();
    await agency.getByRole('button', { name: '반찬 나눔 배달 게시' }).click();
    await agency.getByRole('button', { name: '반찬 나눔 배달 숨기기' }).waitFor();
    expect((await t.ok(LISTING, { id: listingId }, owner.token)).listing.status).toBe('PUBLISHED');
    await checkAccessibilityAndPhotograph(agency, 'agency-listings');
  });

  it('the agency ships a paid order, a malformed tracking number refused on the form first', async () => {
    const { t } = ui;
    const operatorToken = await logInOperator(t);
    const shop = await activePartnerAgency(t, operatorToken, { name: '햇살공방 협동조합' });
    const rice = await goodsListing(t, shop);
    const buyer = await signUp(t, '김구매');
    const numberOf = async (orderId: string): Promise<string> => (await t.ok(ORDER, { id: orderId }, buyer.token)).order.number;
    const statusOf = async (orderId: string): Promise<string> => (await t.ok(ORDER, { id: orderId }, buyer.token)).order.status;
    const cancelledByBuyer = await paidOrder(t, buyer.token, [[rice, 1]]);
    const toShip = await paidOrder(t, buyer.token, [[rice, 2]]);

    const agency = await newPage();
    await logIn(agency, shop.owner.email, 'correct horse battery');
    await agency.getByRole('heading', { name: '오늘 할 일' }).waitFor();
    await agency.getByRole('link', { name: '발송 관리' }).click();
    const shipButton = (number: string) => agency.getByRole('button', { name: `주문 ${number} 발송 처리` });
    const dialogOf = (number: string) => agency.getByRole('dialog', { name: `주문 ${number} 발송` });
    const cancelledNumber = await numberOf(cancelledByBuyer.id);
    await shipButton(cancelledNumber).waitFor();
    await checkAccessibilityAndPhotograph(agency, 'agency-shipping');

    // The buyer cancels while the screen still lists the order: the server's refusal is shown in the form.
    await t.ok(`mutation($input: CancelOrderInput!) { cancelOrder(input: $input) { id } }`, { input: { orderId: cancelledByBuyer.id } }, buyer.token);
    await shipButton(cancelledNumber).click();
    const refused = dialogOf(cancelledNumber);
    await refused.getByLabel('송장 번호').fill('6012 3456 7890');
    await refused.getByRole('button', { name: '발송 처리' }).click();
    await refused.getByRole('alert').waitFor();
    await refused.getByRole('button', { name: '취소' }).click();

    // A malformed number is refused before anything is sent, on the field, in the carrier's format.
    const number = await numberOf(toShip.id);
    await shipButton(number).click();
    const dialog = dialogOf(number);
    await dialog.getByLabel('택배사').selectOption('KOREA_POST');
    const trackingNumber = dialog.getByLabel('송장 번호');
    await trackingNumber.fill('6012-3456-789');
    await dialog.getByRole('button', { name: '발송 처리' }).click();
    await dialog.getByText('우체국택배 송장 번호는 숫자 13자리입니다.').waitFor();
    expect(await trackingNumber.getAttribute('aria-invalid')).toBe('true');
    // The focus is on the field at fault, so a screen reader reads its error out.
    expect(await agency.evaluate('document.activeElement.id')).toBe(await trackingNumber.getAttribute('id'));
    await checkAccessibilityAndPhotograph(agency, 'agency-ship-form');
    expect(await statusOf(toShip.id)).toBe('PAID');

    await trackingNumber.fill('6012-3456-78901');
    await dialog.getByRole('button', { name: '발송 처리' }).click();
    await agency.getByRole('status').getByText(`주문 ${number}의 송장을 등록했습니다.`, { exact: false }).waitFor();
    expect(await statusOf(toShip.id)).toBe('SHIPPED');
    await agency.getByText('발송할 주문이 없습니다.').waitFor();
  });
});
