import { activePartnerAgency } from '../support/catalog.js';
import { bookableService, seoulAt } from '../support/booking.js';
import { goodsListing, paidOrder } from '../support/commerce.js';
import { consoleInBrowser } from '../support/console-browser.js';
import { IMAGES, pngWithExif } from '../support/media.js';
import { billingMethod, subscribe, subscriptionListing } from '../support/subscriptions.js';
import { addMember, logInOperator, signUp } from '../support/test-app.js';

const PASSWORD = 'correct horse battery';
const RETURN = `query($id: ID!) { order(id: $id) { status refundedAmount returns { number status pickupCarrier pickupTrackingNumber } } }`;
const LISTING_WITH_HOURS = `query($id: ID!) { listing(id: $id) { title price } availability(listingId: $id) { weeklyHours { weekday opensAt closesAt } } }`;
const RESERVE_NUMBER = `mutation($input: ReserveInput!) { reserve(input: $input) { number } }`;
const CONSULTATION = `query($id: ID!) { consultation(id: $id) { status messages { body } offers { id price startsAt endsAt status } } }`;

/**
 * The partner agency's daily screens in a real browser (apps/console): a member of two agencies picks one,
 * handles a buyer's return step by step, answers a consultation with an offer, and sees the week's
 * reservations, the subscribers and the members. Each screen is checked with axe-core and photographed.
 */
describe('console: the agency’s daily work in a browser', () => {
  const ui = consoleInBrowser();
  const { newPage, logIn, checkAccessibilityAndPhotograph } = ui;

  it('a member of two agencies switches to the second and handles a buyer’s return there', async () => {
    const { t } = ui;
    const operatorToken = await logInOperator(t);
    const workshop = await activePartnerAgency(t, operatorToken, { name: '햇살공방 협동조합' });
    const kitchen = await activePartnerAgency(t, operatorToken, { name: '마을부엌 협동조합' });
    // The workshop's owner also manages the kitchen.
    await addMember(t, kitchen.organizationId, kitchen.owner.token, workshop.owner, 'MANAGER');
    const rice = await goodsListing(t, kitchen, {}, { title: '유기농 현미 5kg', price: 12_000 });
    const buyer = await signUp(t, '김구매');
    const bought = await paidOrder(t, buyer.token, [[rice, 2]]);
    await t.ok(
      `mutation($input: ShipOrderInput!) { shipOrder(input: $input) { id } }`,
      { input: { orderId: bought.id, carrier: 'DIRECT' } },
      kitchen.owner.token,
    );
    const requested = await t.ok(
      `mutation($input: RequestReturnInput!) { requestReturn(input: $input) { number } }`,
      {
        input: {
          orderId: bought.id,
          lines: [{ orderLineId: bought.lineIds[0], quantity: 1 }],
          reason: 'DEFECTIVE',
          resolution: 'REFUND',
          note: '봉투가 찢어져 왔어요',
        },
      },
      buyer.token,
    );
    const number: string = requested.requestReturn.number;
    const returnOf = async () => (await t.ok(RETURN, { id: bought.id }, buyer.token)).order;

    const page = await newPage();
    await logIn(page, workshop.owner.email, PASSWORD);
    await page.getByRole('heading', { name: '오늘 할 일' }).waitFor();
    const picker = page.getByRole('combobox', { name: '활동할 기관' });
    expect(await picker.inputValue()).toBe(workshop.id);
    await page.getByRole('link', { name: '처리할 반품·교환 0건' }).waitFor();

    await picker.selectOption({ label: '마을부엌 협동조합' });
    await page.getByRole('link', { name: '처리할 반품·교환 1건' }).waitFor();
    await checkAccessibilityAndPhotograph(page, 'agency-dashboard-full');
    // The browser remembers the choice.
    await page.reload();
    await page.getByRole('link', { name: '처리할 반품·교환 1건' }).waitFor();
    expect(await page.getByRole('combobox', { name: '활동할 기관' }).inputValue()).toBe(kitchen.id);

    await page.getByRole('link', { name: '처리할 반품·교환 1건' }).click();
    await page.getByRole('heading', { name: '반품·교환' }).waitFor();
    await page
      .getByRole('row', { name: new RegExp(number) })
      .getByText('봉투가 찢어져 왔어요', { exact: false })
      .waitFor();
    await checkAccessibilityAndPhotograph(page, 'agency-returns');

    // Accepted with the pick-up waybill; a malformed number is refused on its field first.
    await page.getByRole('button', { name: `반품 ${number} 승인` }).click();
    const accept = page.getByRole('dialog', { name: `반품 ${number} 승인` });
    await accept.getByLabel('반품 수거 송장 등록').check();
    const waybill = accept.getByLabel('송장 번호');
    await waybill.fill('1234-5678');
    await accept.getByRole('button', { name: '승인' }).click();
    await accept.getByText('CJ대한통운 송장 번호는', { exact: false }).waitFor();
    expect(await page.evaluate('document.activeElement.id')).toBe(await waybill.getAttribute('id'));
    await waybill.fill('1234-5678-9012');
    await accept.getByRole('button', { name: '승인' }).click();
    await page.getByRole('status').getByText(`반품 ${number}: 승인했습니다.`).waitFor();
    expect((await returnOf()).returns).toEqual([{ number, status: 'ACCEPTED', pickupCarrier: 'CJ_LOGISTICS', pickupTrackingNumber: '123456789012' }]);

    await page.getByRole('button', { name: `반품 ${number} 회수 확인` }).click();
    await page
      .getByRole('dialog', { name: `반품 ${number} 회수 확인` })
      .getByRole('button', { name: '회수 확인' })
      .click();
    await page.getByRole('status').getByText(`반품 ${number}: 회수를 확인했습니다.`).waitFor();

    await page.getByRole('button', { name: `반품 ${number} 처리 완료` }).click();
    const refund = page.getByRole('dialog', { name: `반품 ${number} 처리 완료` });
    await refund.getByText('12,000원을 환불합니다.').waitFor();
    await refund.getByRole('button', { name: '환불' }).click();
    await page.getByText('처리할 반품·교환이 없습니다.').waitFor();
    const order = await returnOf();
    expect(order.returns[0].status).toBe('COMPLETED');
    expect(order.refundedAmount).toBe(12_000);
  });

  it('the agency replies to a consultation, offers a price at the buyer’s preferred time and sees the reservation in its week', async () => {
    const { t } = ui;
    const operatorToken = await logInOperator(t);
    const care = await activePartnerAgency(t, operatorToken, { name: '늘봄 돌봄 사회적협동조합' });
    const listingId = await bookableService(t, care, { requiresConsultation: true, durationMinutes: 120 }, { title: '어르신 방문 돌봄', price: 50_000 });
    const buyer = await signUp(t, '이상담');
    const preferred = seoulAt(t, 2, 10);
    const requested = await t.ok(
      `mutation($input: RequestConsultationInput!) { requestConsultation(input: $input) { id } }`,
      { input: { listingId, message: '어머니 돌봄이 필요해요', preferredTimes: [preferred] } },
      buyer.token,
    );
    const consultationId: string = requested.requestConsultation.id;
    const consultation = async () => (await t.ok(CONSULTATION, { id: consultationId }, buyer.token)).consultation;

    const page = await newPage();
    await logIn(page, care.owner.email, PASSWORD);
    await page.getByRole('link', { name: '답변을 기다리는 상담 1건' }).click();
    const card = page.getByRole('region', { name: '이상담님 · 어르신 방문 돌봄' });
    await card.getByText('어머니 돌봄이 필요해요', { exact: false }).waitFor();

    // A blank reply is refused on its field, which takes the focus.
    await card.getByRole('button', { name: '답장' }).click();
    const reply = page.getByRole('dialog', { name: '이상담님 상담 답장' });
    await reply.getByRole('button', { name: '보내기' }).click();
    await reply.getByText('답장 내용을 입력해 주세요.').waitFor();
    expect(await page.evaluate('document.activeElement.id')).toBe(await reply.getByLabel('답장').getAttribute('id'));
    await reply.getByLabel('답장').fill('화요일 오전 10시에 찾아뵐 수 있어요.');
    await reply.getByRole('button', { name: '보내기' }).click();
    await card.getByText('화요일 오전 10시에 찾아뵐 수 있어요.', { exact: false }).waitFor();

    // The offer starts at the buyer's preferred time and lasts the service's two hours unless changed.
    await card.getByRole('button', { name: '제안 보내기' }).click();
    const offer = page.getByRole('dialog', { name: '이상담님 상담 제안 보내기' });
    await offer.getByLabel('가격').fill('55000');
    await offer.getByRole('button', { name: '제안 보내기' }).click();
    await page.getByRole('status').getByText('가격과 일정을 제안했습니다', { exact: false }).waitFor();
    await page.getByText('기다리는 상담이 없습니다.').waitFor();
    await checkAccessibilityAndPhotograph(page, 'agency-consultations');
    const offered = await consultation();
    expect(offered.status).toBe('OFFERED');
    expect(offered.messages.map((message: { body: string }) => message.body)).toEqual(['어머니 돌봄이 필요해요', '화요일 오전 10시에 찾아뵐 수 있어요.']);
    expect(offered.offers).toEqual([
      {
        id: expect.any(String),
        price: 55_000,
        startsAt: preferred,
        endsAt: new Date(new Date(preferred).getTime() + 2 * 3600_000).toISOString(),
        status: 'PENDING',
      },
    ]);

    const accepted = await t.ok(
      `mutation($offerId: ID!) { acceptOffer(offerId: $offerId, idempotencyKey: "console-offer") { number } }`,
      { offerId: offered.offers[0].id },
      buyer.token,
    );
    // 101 reservations made after it, all in the next seven days: the week still places it, as it asks for
    // its own days only, and the next week shows all 101, whose start order spans two pages of the API.
    const visits = await bookableService(t, care, { capacityPerSlot: 2 }, { title: '집 정리 도움', price: 20_000 });
    const neighbours = [await signUp(t, '박이웃'), await signUp(t, '최이웃')];
    const nextWeekSlots = Array.from({ length: 7 * 9 }, (_, slot) => seoulAt(t, 7 + Math.floor(slot / 9), 9 + (slot % 9)));
    const later: string[] = [];
    for (let i = 0; i < 101; i++) {
      const input = { listingId: visits, startsAt: nextWeekSlots[Math.floor(i / 2)], idempotencyKey: `next-week-${i}` };
      later.push((await t.ok(RESERVE_NUMBER, { input }, neighbours[i % 2].token)).reserve.number);
    }

    await page.getByRole('link', { name: '예약' }).click();
    const day = page.getByRole('region', { name: /오늘$/ });
    await day.waitFor();
    // Two days ahead is in the seven days from today.
    await page.getByText(accepted.acceptOffer.number).waitFor();
    await page.getByText('결제 대기').waitFor();
    await checkAccessibilityAndPhotograph(page, 'agency-reservations');

    await page.getByRole('button', { name: '다음 주' }).click();
    await page.getByText(later[100]).waitFor();
    expect(await page.getByRole('listitem').count()).toBe(101);
    expect(await page.getByText(accepted.acceptOffer.number).count()).toBe(0);
  });

  it('the agency sees its subscribers’ coming deliveries and invites a member', async () => {
    const { t } = ui;
    const operatorToken = await logInOperator(t);
    const farm = await activePartnerAgency(t, operatorToken, { name: '들녘 영농조합' });
    const box = await subscriptionListing(t, farm);
    const buyer = await signUp(t, '박구독');
    const subscribed = await subscribe(t, buyer.token, { listingId: box, billingMethodId: await billingMethod(t, buyer.token), quantity: 2 });
    expect(subscribed.errors).toBeUndefined();
    const subscriptionNumber: string = subscribed.data!.subscribe.number;

    const page = await newPage();
    await logIn(page, farm.owner.email, PASSWORD);
    await page.getByRole('link', { name: '정기배송' }).click();
    const subscriber = page.getByRole('row', { name: new RegExp(subscriptionNumber) });
    await subscriber.getByText('박구독').waitFor();
    await subscriber.getByText('구독 중').waitFor();
    await page
      .getByRole('row', { name: /2상자 1명 제철 채소 꾸러미/ })
      .first()
      .waitFor();
    await checkAccessibilityAndPhotograph(page, 'agency-subscriptions');

    const invitee = await signUp(t, '정직원');
    await page.getByRole('link', { name: '구성원' }).click();
    await page.getByRole('row', { name: /대표/ }).waitFor();
    await page.getByLabel('이메일').fill(invitee.email);
    await page.getByLabel('역할').selectOption('STAFF');
    await page.getByRole('button', { name: '초대' }).click();
    await page.getByRole('status').getByText(`${invitee.email}님을 직원(으)로 초대했습니다.`, { exact: false }).waitFor();
    await checkAccessibilityAndPhotograph(page, 'agency-members');
    const invitations = (await t.ok(`{ me { organizationInvitations { role organization { name } } } }`, {}, invitee.token)).me.organizationInvitations;
    expect(invitations).toEqual([{ role: 'STAFF', organization: { name: '들녘 영농조합' } }]);
  });

  it('a manager removes staff once confirmed but not the owner, then leaves; the only owner cannot leave', async () => {
    const { t } = ui;
    const operatorToken = await logInOperator(t);
    const farm = await activePartnerAgency(t, operatorToken, { name: '솔바람 영농조합' });
    const manager = await signUp(t, '한관리');
    await addMember(t, farm.organizationId, farm.owner.token, manager, 'MANAGER');
    const staff = await signUp(t, '오직원');
    await addMember(t, farm.organizationId, farm.owner.token, staff, 'STAFF');
    const membersOnServer = async () =>
      (
        await t.ok(`query($id: ID!) { organization(id: $id) { members { user { name } } } }`, { id: farm.organizationId }, farm.owner.token)
      ).organization.members.map((member: { user: { name: string } }) => member.user.name);

    const page = await newPage();
    await logIn(page, manager.email, PASSWORD);
    await page.getByRole('link', { name: '구성원' }).click();
    await page.getByRole('row', { name: /오직원/ }).waitFor();
    // A manager removes staff only.
    expect(await page.getByRole('row', { name: /대표/ }).getByRole('button').count()).toBe(0);
    await page.getByRole('button', { name: '오직원 내보내기' }).click();
    const dialog = page.getByRole('dialog', { name: '오직원 내보내기' });
    await dialog.getByText('오직원님(직원)을 솔바람 영농조합에서 내보냅니다.', { exact: false }).waitFor();
    await checkAccessibilityAndPhotograph(page, 'agency-member-removal');
    // Cancelling keeps the member.
    await dialog.getByRole('button', { name: '취소' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await membersOnServer()).toContain('오직원');
    await page.getByRole('button', { name: '오직원 내보내기' }).click();
    await dialog.getByRole('button', { name: '내보내기' }).click();
    await page.getByRole('status').getByText('오직원님을 구성원에서 내보냈습니다.').waitFor();
    await page.getByRole('row', { name: /오직원/ }).waitFor({ state: 'detached' });
    expect(await membersOnServer()).not.toContain('오직원');

    await page.getByRole('button', { name: '솔바람 영농조합에서 나가기' }).click();
    await page.getByRole('dialog', { name: '솔바람 영농조합에서 나가기' }).getByRole('button', { name: '나가기' }).click();
    await page.getByRole('heading', { name: '이 계정은 파트너 기관의 구성원이 아닙니다' }).waitFor();
    expect(await membersOnServer()).toEqual(['대표']);

    // The only owner has no way out.
    const ownerPage = await newPage();
    await logIn(ownerPage, farm.owner.email, PASSWORD);
    await ownerPage.getByRole('link', { name: '구성원' }).click();
    await ownerPage.getByRole('row', { name: /대표/ }).waitFor();
    expect(await ownerPage.getByRole('button', { name: '솔바람 영농조합에서 나가기' }).count()).toBe(0);
  });

  it('the agency edits a service listing: a blank title refused on its field, then a new title, price and no Sunday hours', async () => {
    const { t } = ui;
    const operatorToken = await logInOperator(t);
    const studio = await activePartnerAgency(t, operatorToken, { name: '하늘공예 협동조합' });
    const listingId = await bookableService(t, studio, {}, { title: '도자기 공방 체험', price: 30_000 });

    const page = await newPage();
    await logIn(page, studio.owner.email, PASSWORD);
    await page.getByRole('link', { name: '상품·서비스' }).click();
    await page.getByRole('button', { name: '도자기 공방 체험 편집' }).click();
    const dialog = page.getByRole('dialog', { name: '도자기 공방 체험 편집' });
    const title = dialog.getByLabel('이름');
    await title.fill(' ');
    await dialog.getByRole('button', { name: '저장' }).click();
    await dialog.getByText('이름을 입력해 주세요.').waitFor();
    expect(await page.evaluate('document.activeElement.id')).toBe(await title.getAttribute('id'));

    await title.fill('도자기 원데이 클래스');
    await dialog.getByLabel('가격').fill('35000');
    await dialog.getByRole('button', { name: '일요일 09:00–18:00 삭제' }).click();
    expect(await page.evaluate('document.activeElement.textContent')).toBe('시간대 추가');
    await checkAccessibilityAndPhotograph(page, 'agency-listing-editor');
    await dialog.getByRole('button', { name: '저장' }).click();
    await page.getByRole('status').getByText('도자기 공방 체험을(를) 저장했습니다.').waitFor();
    await page.getByRole('button', { name: '도자기 원데이 클래스 편집' }).waitFor();

    const saved = await t.ok(LISTING_WITH_HOURS, { id: listingId }, studio.owner.token);
    expect(saved.listing).toEqual({ title: '도자기 원데이 클래스', price: 35_000 });
    expect(saved.availability.weeklyHours.map((range: { weekday: string }) => range.weekday).sort()).toEqual([
      'FRIDAY',
      'MONDAY',
      'SATURDAY',
      'THURSDAY',
      'TUESDAY',
      'WEDNESDAY',
    ]);
  });

  it('the agency adds pictures to a listing: another kind of file refused on its field, two PNGs uploaded, the second moved first, one removed', async () => {
    const { t } = ui;
    const operatorToken = await logInOperator(t);
    const bakery = await activePartnerAgency(t, operatorToken, { name: '우리밀 베이커리 협동조합' });
    const bread = await goodsListing(t, bakery, {}, { title: '우리밀 식빵', price: 6_000 });
    const altsOnServer = async () => (await t.ok(IMAGES, { id: bread }, bakery.owner.token)).listing.images.map((image: { alt: string }) => image.alt);

    const page = await newPage();
    await logIn(page, bakery.owner.email, PASSWORD);
    await page.getByRole('link', { name: '상품·서비스' }).click();
    await page.getByRole('button', { name: '우리밀 식빵 편집' }).click();
    const dialog = page.getByRole('dialog', { name: '우리밀 식빵 편집' });
    await dialog.getByText('등록된 사진이 없습니다.').waitFor();
    const file = dialog.getByLabel('사진 파일');
    const alt = dialog.getByLabel('대체 텍스트');
    const add = dialog.getByRole('button', { name: '사진 추가' });

    // Checked in the browser: nothing is sent.
    await file.setInputFiles({ name: 'memo.txt', mimeType: 'text/plain', buffer: Buffer.from('not a picture') });
    await alt.fill('갓 구운 식빵');
    await add.click();
    await dialog.getByText('JPEG, PNG, WebP 파일만 올릴 수 있습니다.').waitFor();
    expect(await page.evaluate('document.activeElement.id')).toBe(await file.getAttribute('id'));

    await file.setInputFiles({ name: 'loaf.png', mimeType: 'image/png', buffer: await pngWithExif('김제빵', 800, 600) });
    await add.click();
    await page.getByRole('status').getByText('갓 구운 식빵: 사진을 추가했습니다.').waitFor();
    await file.setInputFiles({ name: 'slices.png', mimeType: 'image/png', buffer: await pngWithExif('김제빵', 400, 300) });
    await alt.fill('썰어 놓은 식빵');
    await add.click();
    const slices = dialog.getByRole('img', { name: '썰어 놓은 식빵' });
    await slices.waitFor();
    // The thumbnail, one of the server's WebP variants, loads from the server the page came from.
    await page.waitForFunction(`[...document.images].some((img) => img.alt === '썰어 놓은 식빵' && img.complete && img.naturalWidth > 0)`);

    await dialog.getByRole('button', { name: '썰어 놓은 식빵 앞으로' }).click();
    await page.getByRole('status').getByText('썰어 놓은 식빵: 1번째로 옮겼습니다.').waitFor();
    await checkAccessibilityAndPhotograph(page, 'agency-listing-images');
    expect(await altsOnServer()).toEqual(['썰어 놓은 식빵', '갓 구운 식빵']);

    await dialog.getByRole('button', { name: '갓 구운 식빵 삭제' }).click();
    await page.getByRole('status').getByText('갓 구운 식빵: 사진을 삭제했습니다.').waitFor();
    expect(await altsOnServer()).toEqual(['썰어 놓은 식빵']);
  });
});
