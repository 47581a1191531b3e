import { becomeMarketCreator } from '../support/affiliate.js';
import { CREATE_LISTING, activePartnerAgency, publishedListing, serviceListingInput } from '../support/catalog.js';
import { consoleInBrowser } from '../support/console-browser.js';
import { newOrganization } from '../support/membership.js';
import { OPERATOR_ENV, logInOperator } from '../support/test-app.js';

const COUPONS = `query($filter: CouponFilter) {
  coupons(first: 10, filter: $filter) { nodes { code name fundedBy discountType rateBps amount active usedCount scope listings { title } } }
}`;
const EXHIBITION = `query($slug: String!) { exhibition(slug: $slug) { status live listings(first: 10) { nodes { title } } } }`;
const MARKET_CREATOR = `query($id: ID!) { marketCreator(id: $id) { status } }`;
const SUBMIT_CERTIFICATION = `mutation($input: SubmitCertificationInput!) { submitCertification(input: $input) { id } }`;
const CERTIFICATIONS = `query($id: ID!) { organization(id: $id) { certifications { certificateNumber status reviewNote } } }`;
const LISTING = `query($id: ID!) { listing(id: $id) { status archiveReason } }`;

/**
 * The operator's catalog screens in a real browser (apps/console, docs/RULES.md §10, §19): a platform
 * coupon (a malformed code refused on its field first), an exhibition with listings in a chosen order,
 * published; a market creator approved; a certification rejected with a note; an agency's detail; and an
 * agency's own coupon; then the listings screen: found by status, one taken down with a reason
 * (`takeDownListing`, §6). Each screen passes axe-core and is photographed into docs/console/.
 */
describe('console: the operator catalog in a browser', () => {
  const ui = consoleInBrowser();
  const { newPage, logIn, checkAccessibilityAndPhotograph } = ui;

  it('coupons, an exhibition, a market creator, a certification and an agency, by the operator; a coupon by the agency', async () => {
    const { t } = ui;
    const operatorToken = await logInOperator(t);
    const shop = await activePartnerAgency(t, operatorToken, { name: '햇살공방 협동조합' });
    await publishedListing(t, shop, { title: '수제 한과 선물세트' });
    await publishedListing(t, shop, { title: '전통 떡 꾸러미' });
    const { owner: creatorOwner, organizationId } = await newOrganization(t, '마을미디어 협동조합');
    const creator = await becomeMarketCreator(t, creatorOwner.token, { kind: 'CORPORATE', organizationId, displayName: '마을미디어 큐레이션' });
    expect(creator.status).toBe('PENDING_REVIEW');
    await t.ok(
      SUBMIT_CERTIFICATION,
      { input: { organizationId: shop.organizationId, kind: 'COOPERATIVE', certificateNumber: '협동조합-2024-7', issuedOn: '2024-01-02' } },
      shop.owner.token,
    );

    const operator = await newPage();
    await logIn(operator, OPERATOR_ENV.DURE_OPERATOR_EMAIL, OPERATOR_ENV.DURE_OPERATOR_PASSWORD);
    await operator.getByRole('heading', { name: '입점 심사' }).waitFor();

    // 쿠폰: a code with a space and "!" is refused on its field, focused, before anything is sent.
    await operator.getByRole('link', { name: '쿠폰' }).click();
    await operator.getByText('만든 쿠폰이 없습니다.').waitFor();
    await operator.getByRole('button', { name: '새 쿠폰' }).click();
    const form = operator.getByRole('dialog', { name: '새 쿠폰' });
    const code = form.getByLabel('쿠폰 코드');
    await code.fill('chuseok 2026!');
    await form.getByLabel('이름').fill('추석 특별전 10% 할인');
    await form.getByLabel('할인율 (%)').fill('10');
    await form.getByLabel('최대 할인 금액 (원)').fill('5,000');
    await form.getByRole('button', { name: '쿠폰 만들기' }).click();
    await form.getByText('쿠폰 코드는 영문자, 숫자, -로 4~20자입니다 (띄어쓰기 없이).').waitFor();
    expect(await code.getAttribute('aria-invalid')).toBe('true');
    expect(await operator.evaluate('document.activeElement.id')).toBe(await code.getAttribute('id'));
    expect((await t.ok(COUPONS, { filter: { fundedBy: 'PLATFORM' } }, operatorToken)).coupons.nodes).toEqual([]);

    await code.fill('chuseok-2026');
    await form.getByRole('button', { name: '쿠폰 만들기' }).click();
    const couponRow = operator.getByRole('row', { name: /추석 특별전 10% 할인/ });
    await couponRow.getByText('CHUSEOK-2026').waitFor();
    await couponRow.getByText('0회').waitFor();
    await checkAccessibilityAndPhotograph(operator, 'operator-coupons');
    expect((await t.ok(COUPONS, { filter: { fundedBy: 'PLATFORM' } }, operatorToken)).coupons.nodes).toEqual([
      {
        code: 'CHUSEOK-2026',
        name: '추석 특별전 10% 할인',
        fundedBy: 'PLATFORM',
        discountType: 'PERCENTAGE',
        rateBps: 1000,
        amount: null,
        active: true,
        usedCount: 0,
        scope: 'ALL',
        listings: [],
      },
    ]);
    await couponRow.getByRole('button', { name: '추석 특별전 10% 할인 사용 중지' }).click();
    await couponRow.getByText('사용 중지', { exact: true }).waitFor();

    // 기획전: made, two listings found by the agency's name, the second moved up with the keyboard-reachable button, published.
    await operator.getByRole('link', { name: '기획전' }).click();
    await operator.getByRole('button', { name: '새 기획전' }).click();
    const exhibitionForm = operator.getByRole('dialog', { name: '새 기획전' });
    await exhibitionForm.getByLabel('제목').fill('경기도 추석 특별전');
    await exhibitionForm.getByLabel('주소 이름').fill('Chuseok 2026');
    await exhibitionForm.getByRole('button', { name: '기획전 만들기' }).click();
    await exhibitionForm.getByText('주소 이름은 영문 소문자, 숫자, -로 3~60자입니다.').waitFor();
    await exhibitionForm.getByLabel('주소 이름').fill('chuseok-2026');
    await exhibitionForm.getByRole('button', { name: '기획전 만들기' }).click();
    await operator.getByRole('heading', { name: '기획전: 경기도 추석 특별전' }).waitFor();
    await operator.getByLabel('넣을 상품 검색').fill('햇살공방');
    await operator.getByRole('button', { name: '수제 한과 선물세트 넣기' }).click();
    await operator.getByRole('button', { name: '전통 떡 꾸러미 넣기' }).click();
    const moveUp = operator.getByRole('button', { name: '전통 떡 꾸러미 위로' });
    await moveUp.click();
    await operator.getByRole('status').getByText('전통 떡 꾸러미: 1번째로 옮겼습니다.').waitFor();
    // At the top its "up" is disabled, so the focus stays with the listing on its "down" button.
    expect(await operator.evaluate('document.activeElement.getAttribute("aria-label")')).toBe('전통 떡 꾸러미 아래로');
    await operator.getByRole('button', { name: '상품 순서 저장' }).click();
    await operator.getByText('순서를 저장했습니다').waitFor();
    await operator.getByRole('button', { name: '공개하기' }).click();
    await operator.getByText('지금 진행 중입니다.').waitFor();
    await checkAccessibilityAndPhotograph(operator, 'operator-exhibitions');
    expect((await t.ok(EXHIBITION, { slug: 'chuseok-2026' })).exhibition).toEqual({
      status: 'PUBLISHED',
      live: true,
      listings: { nodes: [{ title: '전통 떡 꾸러미' }, { title: '수제 한과 선물세트' }] },
    });

    // 마켓 크리에이터 심사: the CORPORATE application approved with a note.
    await operator.getByRole('link', { name: '마켓 크리에이터 심사' }).click();
    const application = operator.getByRole('region', { name: '마을미디어 큐레이션' });
    await application.getByText(/마을미디어 협동조합/).waitFor();
    await checkAccessibilityAndPhotograph(operator, 'operator-creator-review');
    await application.getByLabel('심사 의견').fill('소속 기관 확인');
    await application.getByRole('button', { name: '승인' }).click();
    await operator.getByText('심사를 기다리는 마켓 크리에이터가 없습니다.').waitFor();
    expect((await t.ok(MARKET_CREATOR, { id: creator.id }, operatorToken)).marketCreator.status).toBe('ACTIVE');

    // 인증 심사: a rejection needs the note the agency will read.
    await operator.getByRole('link', { name: '인증 심사' }).click();
    const certification = operator.getByRole('region', { name: '햇살공방 협동조합' });
    await certification.getByText(/협동조합-2024-7/).waitFor();
    await certification.getByRole('button', { name: '반려' }).click();
    await certification.getByRole('alert').waitFor();
    await certification.getByLabel('심사 의견').fill('인증서 사본이 흐립니다');
    await certification.getByRole('button', { name: '반려' }).click();
    await operator.getByText('심사를 기다리는 인증이 없습니다.').waitFor();
    expect((await t.ok(CERTIFICATIONS, { id: shop.organizationId }, operatorToken)).organization.certifications).toEqual([
      { certificateNumber: '협동조합-2024-7', status: 'REJECTED', reviewNote: '인증서 사본이 흐립니다' },
    ]);

    // 파트너 기관 → one agency: its paid first dues invoice.
    await operator.getByRole('link', { name: '파트너 기관' }).click();
    await operator.getByRole('link', { name: '햇살공방 협동조합 관리' }).click();
    await operator.getByRole('heading', { name: '햇살공방 협동조합' }).waitFor();
    await operator.getByRole('region', { name: '회비 청구서' }).getByText('납부 완료').waitFor();
    await checkAccessibilityAndPhotograph(operator, 'operator-agency-detail');

    // The agency's owner makes its own coupon with the same form.
    const agency = await newPage();
    await logIn(agency, shop.owner.email, 'correct horse battery');
    await agency.getByRole('heading', { name: '오늘 할 일' }).waitFor();
    await agency.getByRole('link', { name: '쿠폰' }).click();
    await agency.getByRole('button', { name: '새 쿠폰' }).click();
    const agencyForm = agency.getByRole('dialog', { name: '새 쿠폰' });
    await agencyForm.getByLabel('쿠폰 코드').fill('HAETSAL-2000');
    await agencyForm.getByLabel('이름').fill('햇살공방 2천 원 할인');
    await agencyForm.getByLabel('할인 방식').selectOption('FIXED_AMOUNT');
    await agencyForm.getByRole('textbox', { name: '할인 금액 (원)', exact: true }).fill('2000');
    // Only its own listings are offered, found by words.
    await agencyForm.getByLabel('적용 대상').selectOption('LISTINGS');
    await agencyForm.getByRole('button', { name: '쿠폰 만들기' }).click();
    await agencyForm.getByText('상품을 하나 이상 골라 주세요.').waitFor();
    await agencyForm.getByLabel('대상 상품').fill('한과');
    await agency.getByRole('option', { name: /수제 한과 선물세트/ }).click();
    await agencyForm.getByRole('button', { name: '쿠폰 만들기' }).click();
    await agency
      .getByRole('row', { name: /햇살공방 2천 원 할인/ })
      .getByText('2,000원 할인')
      .waitFor();
    await checkAccessibilityAndPhotograph(agency, 'agency-coupons');
    expect((await t.ok(COUPONS, { filter: { partnerAgencyId: shop.id } }, shop.owner.token)).coupons.nodes).toEqual([
      {
        code: 'HAETSAL-2000',
        name: '햇살공방 2천 원 할인',
        fundedBy: 'PARTNER_AGENCY',
        discountType: 'FIXED_AMOUNT',
        rateBps: null,
        amount: 2000,
        active: true,
        usedCount: 0,
        scope: 'LISTINGS',
        listings: [{ title: '수제 한과 선물세트' }],
      },
    ]);
  });

  it('상품·서비스: listings found by status on the server, one taken down only with a reason (docs/RULES.md §6)', async () => {
    const { t } = ui;
    const operatorToken = await logInOperator(t);
    const shop = await activePartnerAgency(t, operatorToken, { name: '들꽃찻집 협동조합' });
    const tea = await publishedListing(t, shop, { title: '들꽃차 선물세트' });
    await publishedListing(t, shop, { title: '찻잔 공예 체험' });
    await t.ok(CREATE_LISTING, { input: serviceListingInput(shop.id, { title: '준비 중인 다도 체험' }) }, shop.owner.token);

    const operator = await newPage();
    await logIn(operator, OPERATOR_ENV.DURE_OPERATOR_EMAIL, OPERATOR_ENV.DURE_OPERATOR_PASSWORD);
    await operator.getByRole('link', { name: '상품·서비스' }).click();
    await operator.getByLabel('검색').fill('들꽃찻집');
    await operator.getByRole('row', { name: /준비 중인 다도 체험/ }).waitFor();
    await operator.getByLabel('상태').selectOption('DRAFT');
    await operator.getByText('검색된 1개 중 최근 1개').waitFor();
    await operator.getByRole('row', { name: /준비 중인 다도 체험/ }).waitFor();
    await operator.getByLabel('상태').selectOption('PUBLISHED');
    await operator.getByText('검색된 2개 중 최근 2개').waitFor();
    await operator.getByRole('button', { name: '들꽃차 선물세트 보관' }).click();
    const takeDown = operator.getByRole('dialog', { name: '들꽃차 선물세트 보관' });
    await takeDown.getByText('보관은 되돌릴 수 없습니다', { exact: false }).waitFor();
    await takeDown.getByRole('button', { name: '보관' }).click();
    await takeDown.getByText('보관 사유를 입력해 주세요.').waitFor();
    expect((await t.ok(LISTING, { id: tea }, operatorToken)).listing.status).toBe('PUBLISHED');
    await takeDown.getByLabel('보관 사유').fill('식품 표시 기준 위반');
    // The operator's own mutation: archiveListing stays the agency's (docs/RULES.md §6).
    const sent = operator.waitForRequest((req) => req.url().endsWith('/graphql') && /\btakeDownListing\(/.test(req.postDataJSON()?.query ?? ''));
    await takeDown.getByRole('button', { name: '보관' }).click();
    expect((await sent).postDataJSON().variables).toEqual({ id: tea, reason: '식품 표시 기준 위반' });
    await operator.getByRole('status').getByText('들꽃차 선물세트을(를) 보관했습니다.').waitFor();
    await operator.getByText('검색된 1개 중 최근 1개').waitFor();
    expect(await operator.getByRole('row', { name: /들꽃차 선물세트/ }).count()).toBe(0);
    await checkAccessibilityAndPhotograph(operator, 'operator-listings');
    expect((await t.ok(LISTING, { id: tea }, operatorToken)).listing).toEqual({ status: 'ARCHIVED', archiveReason: '식품 표시 기준 위반' });
    expect((await t.gql(LISTING, { id: tea })).errors?.[0].extensions.code).toBe('NOT_FOUND');
  });
});
