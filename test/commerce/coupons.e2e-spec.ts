import { activePartnerAgency, agencyMember, type Agency } from '../support/catalog.js';
import { advanceTo, codeOf, serverNow } from '../support/booking.js';
import { CART_FIELDS, COUPON, ORDER_FIELDS, SAVE_COUPON, SET_CART_LINE, checkout, goodsListing } from '../support/commerce.js';
import { newOrganization } from '../support/membership.js';
import { OPERATOR_ENV, addMember, createTestApp, logInOperator, signUp, type TestApp } from '../support/test-app.js';

const COUPONS = `query($filter: CouponFilter) { coupons(filter: $filter) { totalCount nodes { id code } } }`;
const EXHIBITION_FIELDS = `id slug title status live startsAt endsAt listings { totalCount nodes { id } } coupons { id code name }`;
const SAVE_EXHIBITION = `mutation($input: SaveExhibitionInput!) { saveExhibition(input: $input) { ${EXHIBITION_FIELDS} } }`;
const SET_LISTINGS = `mutation($id: ID!, $listingIds: [ID!]!) { setExhibitionListings(exhibitionId: $id, listingIds: $listingIds) { ${EXHIBITION_FIELDS} } }`;
const PUBLISH = `mutation($id: ID!) { publishExhibition(exhibitionId: $id) { ${EXHIBITION_FIELDS} } }`;
const ARCHIVE = `mutation($id: ID!) { archiveExhibition(exhibitionId: $id) { status } }`;
const EXHIBITION = `query($slug: String!) { exhibition(slug: $slug) { ${EXHIBITION_FIELDS} } }`;
const LIVE_EXHIBITIONS = `{ exhibitions(liveOnly: true) { nodes { slug coupons { code } } } }`;
const COUPON_CART = `${CART_FIELDS} coupons { code discount problem coupon { id name } }`;
const APPLY = `mutation($code: String!) { applyCartCoupon(code: $code) { ${COUPON_CART} } }`;
const REMOVE = `mutation($code: String!) { removeCartCoupon(code: $code) { ${COUPON_CART} } }`;
const MY_CART = `{ myCart { ${COUPON_CART} } }`;
const CHECKOUT_COUPONS = `query($id: ID!) { checkout(id: $id) { status price { itemDiscount shippingDiscount total } coupons { code discount coupon { id } } } }`;
const PAY = `mutation($input: PayInput!) { payCheckout(input: $input) { status price { total } payment { amount } orders { ${ORDER_FIELDS} } } }`;
const CANCEL_ORDER = `mutation($input: CancelOrderInput!) { cancelOrder(input: $input) { status refundedAmount } }`;
const BALANCE = `query($kind: LedgerAccountKind!, $ownerId: ID) { ledgerAccountBalance(kind: $kind, ownerId: $ownerId) { balance } }`;
const TRIAL_BALANCE = `{ ledgerTrialBalance { balanced } }`;
const ORDER_STATUS = `query($id: ID!) { order(id: $id) { status refundedAmount } }`;
const FEE_RATE = `query($id: ID!) { partnerAgency(id: $id) { tier { platformFeeRateBps } } }`;
const HIDE_LISTING = `mutation($id: ID!) { hideListing(id: $id) { status } }`;
const SHIP = `mutation($input: ShipOrderInput!) { shipOrder(input: $input) { status } }`;
const REQUEST_RETURN = `mutation($input: RequestReturnInput!) { requestReturn(input: $input) { id } }`;
const ACCEPT_RETURN = `mutation($id: ID!) { acceptReturn(input: { returnRequestId: $id }) { id } }`;
const RECEIVE_RETURN = `mutation($id: ID!) { markReturnReceived(returnRequestId: $id) { id } }`;
const COMPLETE_RETURN = `mutation($id: ID!) { completeReturn(input: { returnRequestId: $id }) { id } }`;
const TAX_INVOICE = { email: 'tax@seocheon.go.kr', contactName: '박담당' };

/** docs/RULES.md §19, §25: coupons and exhibitions over HTTP, from making them to the ledger of a refund. */
describe('coupons and exhibitions (docs/RULES.md §19)', () => {
  let t: TestApp;
  let operator: string;
  let shop: Agency;
  let farm: Agency;
  let codes = 0;

  beforeAll(async () => {
    t = await createTestApp({ ...OPERATOR_ENV, DURE_TEST_CLOCK: '1' });
    operator = await logInOperator(t);
    shop = await activePartnerAgency(t, operator, { name: '햇살 협동조합' });
    farm = await activePartnerAgency(t, operator, { name: '들녘 영농조합' });
  });
  afterAll(() => t.close());

  const inDays = (days: number) => new Date(serverNow(t).getTime() + days * 86_400_000).toISOString();
  const newCode = (prefix = 'CP') => `${prefix}-${process.pid % 1000}-${codes++}`;
  const couponInput = (overrides: Record<string, unknown> = {}) => ({
    code: newCode(),
    name: '추석 특별 할인',
    discountType: 'FIXED_AMOUNT',
    amount: 1_000,
    fundedBy: 'PLATFORM',
    scope: 'ALL',
    startsAt: inDays(-1),
    endsAt: inDays(30),
    ...overrides,
  });
  const saveCoupon = async (token: string, overrides: Record<string, unknown> = {}) =>
    (await t.ok(SAVE_COUPON, { input: couponInput(overrides) }, token)).saveCoupon;
  const usedCount = async (id: string) => (await t.ok(COUPON, { id }, operator)).coupon.usedCount;
  const balance = async (kind: string, ownerId: string | null = null) => (await t.ok(BALANCE, { kind, ownerId }, operator)).ledgerAccountBalance.balance;
  const feeRate = async (agency: Agency) => (await t.ok(FEE_RATE, { id: agency.id }, operator)).partnerAgency.tier.platformFeeRateBps as number;
  const fill = async (token: string, lines: Array<[string, number]>) => {
    for (const [listingId, quantity] of lines) await t.ok(SET_CART_LINE, { listingId, quantity }, token);
  };
  const checkedOut = async (token: string) => {
    const res = await checkout(t, token);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.checkout as { id: string; price: { total: number } };
  };

  describe('making coupons (validation, makers, §25 visibility)', () => {
    it('operators make platform coupons; an agency its own; others are refused as §19 and §25 say', async () => {
      const buyer = await signUp(t, '구매자');
      const staff = await agencyMember(t, shop, 'STAFF');
      const manager = await agencyMember(t, shop, 'MANAGER');
      expect(codeOf(await t.gql(SAVE_COUPON, { input: couponInput() }, buyer.token))).toBe('FORBIDDEN');
      expect(codeOf(await t.gql(SAVE_COUPON, { input: couponInput() }))).toBe('UNAUTHENTICATED');
      const own = { fundedBy: 'PARTNER_AGENCY', partnerAgencyId: shop.id };
      expect(codeOf(await t.gql(SAVE_COUPON, { input: couponInput(own) }, staff.token))).toBe('FORBIDDEN');
      expect(codeOf(await t.gql(SAVE_COUPON, { input: couponInput(own) }, farm.owner.token))).toBe('NOT_FOUND');
      const agencyCoupon = await saveCoupon(manager.token, { ...own, code: 'shop-ten' });
      expect(agencyCoupon).toMatchObject({
        code: 'SHOP-TEN',
        fundedBy: 'PARTNER_AGENCY',
        partnerAgency: { id: shop.id },
        perUserLimit: 1,
        subscriptionCycles: 1,
        minOrderAmount: 0,
        usedCount: 0,
        active: true,
      });

      // §25: not public (no published exhibition): its makers and operators only.
      expect(codeOf(await t.gql(COUPON, { id: agencyCoupon.id }, buyer.token))).toBe('NOT_FOUND');
      expect((await t.ok(COUPON, { id: agencyCoupon.id }, staff.token)).coupon.code).toBe('SHOP-TEN');
      expect((await t.ok(COUPON, { id: agencyCoupon.id }, operator)).coupon.code).toBe('SHOP-TEN');
      expect((await t.ok(COUPONS, { filter: { partnerAgencyId: shop.id } }, staff.token)).coupons.nodes.map((c: { id: string }) => c.id)).toContain(
        agencyCoupon.id,
      );
      expect(codeOf(await t.gql(COUPONS, { filter: { partnerAgencyId: shop.id } }, buyer.token))).toBe('NOT_FOUND');
      // An id that is no UUID names nothing: refused as input for every caller, operators included.
      for (const filter of [{ partnerAgencyId: ' ' }, { exhibitionId: 'exhibition-1' }]) {
        for (const token of [operator, staff.token]) expect(codeOf(await t.gql(COUPONS, { filter }, token))).toBe('BAD_USER_INPUT');
      }

      // Codes compare case-insensitively.
      expect(codeOf(await t.gql(SAVE_COUPON, { input: couponInput({ code: 'Shop-Ten' }) }, operator))).toBe('CONFLICT');
    });

    it('refuses bad terms naming the fields', async () => {
      const res = await t.gql(
        SAVE_COUPON,
        { input: couponInput({ code: 'ab', discountType: 'PERCENTAGE', amount: 5, rateBps: 0, subscriptionCycles: 13, perUserLimit: 0, endsAt: inDays(400) }) },
        operator,
      );
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
      const fields = (res.errors![0].extensions.fields as Array<{ field: string }>).map((f) => f.field).sort();
      expect(fields).toEqual(['input.amount', 'input.code', 'input.endsAt', 'input.perUserLimit', 'input.rateBps', 'input.subscriptionCycles']);
      const foreign = await goodsListing(t, farm);
      const listings = await t.gql(
        SAVE_COUPON,
        { input: couponInput({ fundedBy: 'PARTNER_AGENCY', partnerAgencyId: shop.id, scope: 'LISTINGS', listingIds: [foreign] }) },
        shop.owner.token,
      );
      expect(codeOf(listings)).toBe('BAD_USER_INPUT');
      expect(listings.errors![0].extensions.fields).toEqual([{ field: 'input.listingIds[0]', message: "is not one of the funding agency's listings" }]);
    });

    it('an agency or exhibition id that names nothing (no UUID either) is refused for operators too, and nothing is written (docs/RULES.md §11)', async () => {
      const count = async () => (await t.ok(COUPONS, {}, operator)).coupons.totalCount as number;
      const before = await count();
      for (const partnerAgencyId of [' ', 'agency-1', '00000000-0000-0000-0000-000000000000']) {
        expect(codeOf(await t.gql(SAVE_COUPON, { input: couponInput({ fundedBy: 'PARTNER_AGENCY', partnerAgencyId }) }, operator))).toBe('NOT_FOUND');
      }
      const unnamed = await t.gql(SAVE_COUPON, { input: couponInput({ fundedBy: 'PARTNER_AGENCY' }) }, operator);
      expect(unnamed.errors![0].extensions.fields).toEqual([{ field: 'input.partnerAgencyId', message: 'is required for a PARTNER_AGENCY coupon' }]);
      for (const exhibitionId of [' ', 'exhibition-1']) {
        const res = await t.gql(SAVE_COUPON, { input: couponInput({ scope: 'EXHIBITION', exhibitionId }) }, operator);
        expect(res.errors![0].extensions.fields).toEqual([{ field: 'input.exhibitionId', message: 'must name an exhibition you can see' }]);
      }
      expect(await count()).toBe(before);
    });
  });

  describe('a live exhibition, its coupon, the cart, checkout and payment', () => {
    it("finds a live exhibition, applies its coupon (§19's allocation), pays the discounted total; the ledger credits the agency list price", async () => {
      const [rice, tofu, kimchi] = await Promise.all([
        goodsListing(t, shop, { stock: 50, shippingFee: 3_000, freeShippingOver: null }, { title: '유기농 현미', price: 12_000 }),
        goodsListing(t, shop, { stock: 50, shippingFee: 3_000, freeShippingOver: null }, { title: '손두부', price: 7_000 }),
        goodsListing(t, shop, { stock: 50, shippingFee: 3_000, freeShippingOver: null }, { title: '배추김치', price: 5_500 }),
      ]);
      const slug = `chuseok-${process.pid % 1000}`;
      const draft = (await t.ok(SAVE_EXHIBITION, { input: { slug, title: '경기도×G마켓 추석 특별전', startsAt: inDays(-1), endsAt: inDays(10) } }, operator))
        .saveExhibition;
      expect(draft).toMatchObject({ status: 'DRAFT', live: false });
      expect(codeOf(await t.gql(SAVE_EXHIBITION, { input: { slug, title: '둘째', startsAt: inDays(-1), endsAt: inDays(10) } }, operator))).toBe('CONFLICT');
      await t.ok(SET_LISTINGS, { id: draft.id, listingIds: [kimchi, rice, tofu] }, operator);
      const coupon = await saveCoupon(operator, { scope: 'EXHIBITION', exhibitionId: draft.id, name: '추석 1,000원 할인' });
      // DRAFT: not public, nor its coupon's code.
      expect((await t.gql(EXHIBITION, { slug })).data!.exhibition).toBeNull();
      const published = (await t.ok(PUBLISH, { id: draft.id }, operator)).publishExhibition;
      expect(published).toMatchObject({ status: 'PUBLISHED', live: true, listings: { totalCount: 3, nodes: [{ id: kimchi }, { id: rice }, { id: tofu }] } });
      expect(codeOf(await t.gql(PUBLISH, { id: draft.id }, operator))).toBe('INVALID_STATE');

      // The public finds it live, with its coupon's code.
      const live = (await t.ok(LIVE_EXHIBITIONS, {})).exhibitions.nodes.find((e: { slug: string }) => e.slug === slug);
      expect(live.coupons).toEqual([{ code: coupon.code }]);

      const buyer = await signUp(t, '추석 구매자');
      await fill(buyer.token, [
        [rice, 1],
        [tofu, 1],
        [kimchi, 1],
      ]);
      const cart = (await t.ok(APPLY, { code: live.coupons[0].code.toLowerCase() }, buyer.token)).applyCartCoupon;
      expect(cart.coupons).toEqual([{ code: coupon.code, discount: 1_000, problem: null, coupon: { id: coupon.id, name: '추석 1,000원 할인' } }]);
      expect(cart.price).toEqual({ itemsTotal: 24_500, itemDiscount: 1_000, shippingFee: 3_000, shippingDiscount: 0, total: 26_500 });

      const created = await checkedOut(buyer.token);
      expect(created.price.total).toBe(26_500);
      expect(await usedCount(coupon.id)).toBe(1);
      const paid = (await t.ok(PAY, { input: { id: created.id, paymentKey: `pk_coupon_${created.id}` } }, buyer.token)).payCheckout;
      expect(paid).toMatchObject({ status: 'PAID', payment: { amount: 26_500 } });
      const lines = paid.orders[0].lines.map((line: { listing: { id: string }; itemDiscount: number; paidAmount: number }) => [
        line.listing.id,
        line.itemDiscount,
        line.paidAmount,
      ]);
      expect(lines).toEqual(
        expect.arrayContaining([
          [rice, 490, 11_510],
          [tofu, 286, 6_714],
          [kimchi, 224, 5_276],
        ]),
      );
      const checkoutCoupons = (await t.ok(CHECKOUT_COUPONS, { id: created.id }, buyer.token)).checkout;
      expect(checkoutCoupons.coupons).toEqual([{ code: coupon.code, discount: 1_000, coupon: { id: coupon.id } }]);
      // Used: it left the cart with the bought lines.
      expect((await t.ok(MY_CART, {}, buyer.token)).myCart.coupons).toEqual([]);

      // §19 table, PLATFORM: the agency is credited list price (fee on it), the platform pays the discount.
      const rate = await feeRate(shop);
      const fee = [12_000, 7_000, 5_500].reduce((sum, value) => sum + Math.floor((value * rate) / 10_000), 0);
      expect(await balance('PARTNER_AGENCY_PAYABLE', shop.id)).toBe(24_500 + 3_000 - fee);
      expect(await balance('PLATFORM_PROMOTIONS')).toBe(1_000);

      // A redeemed coupon keeps its terms; name and limits may change.
      const keep = {
        id: coupon.id,
        code: coupon.code,
        discountType: 'FIXED_AMOUNT',
        amount: 1_000,
        fundedBy: 'PLATFORM',
        scope: 'EXHIBITION',
        exhibitionId: draft.id,
        startsAt: coupon.startsAt,
        endsAt: coupon.endsAt,
      };
      expect(codeOf(await t.gql(SAVE_COUPON, { input: { ...keep, name: '변경', amount: 2_000 } }, operator))).toBe('INVALID_STATE');
      expect(codeOf(await t.gql(SAVE_COUPON, { input: { ...keep, name: '변경', totalUsageLimit: 0 } }, operator))).toBe('INVALID_STATE');
      expect((await t.ok(SAVE_COUPON, { input: { ...keep, name: '추석 감사 할인', totalUsageLimit: 100 } }, operator)).saveCoupon).toMatchObject({
        name: '추석 감사 할인',
        totalUsageLimit: 100,
        usedCount: 1,
      });

      // An exhibition listing that becomes unsellable disappears from it.
      await t.ok(HIDE_LISTING, { id: tofu }, shop.owner.token);
      expect((await t.ok(EXHIBITION, { slug })).exhibition.listings).toEqual({ totalCount: 2, nodes: [{ id: kimchi }, { id: rice }] });
      await t.ok(ARCHIVE, { id: draft.id }, operator);
      expect((await t.gql(EXHIBITION, { slug })).data!.exhibition).toBeNull();
      expect(await balance('PLATFORM_PROMOTIONS')).toBe(1_000);
      expect((await t.ok(TRIAL_BALANCE, {}, operator)).ledgerTrialBalance.balanced).toBe(true);
    });

    it('free shipping waives the largest fee first within its cap; one item and one shipping coupon per cart; a coupon that stops applying shows its problem and checkout refuses it', async () => {
      const rice = await goodsListing(t, shop, { stock: 50, shippingFee: 3_000, freeShippingOver: null }, { price: 10_000 });
      const apples = await goodsListing(t, farm, { stock: 50, shippingFee: 5_000, freeShippingOver: null }, { price: 20_000 });
      const shipping = await saveCoupon(operator, { discountType: 'FREE_SHIPPING', amount: null, maxDiscount: 6_000 });
      const first = await saveCoupon(operator, { amount: 500 });
      const second = await saveCoupon(operator, { discountType: 'PERCENTAGE', amount: null, rateBps: 1_000, minOrderAmount: 25_000 });
      const buyer = await signUp(t, '배송비 구매자');
      await fill(buyer.token, [
        [rice, 1],
        [apples, 1],
      ]);
      await t.ok(APPLY, { code: shipping.code }, buyer.token);
      await t.ok(APPLY, { code: first.code }, buyer.token);
      const cart = (await t.ok(APPLY, { code: second.code }, buyer.token)).applyCartCoupon;
      const applied = cart.coupons.map((c: { code: string; discount: number }) => [c.code, c.discount]);
      expect(applied).toHaveLength(2);
      expect(applied).toEqual(
        expect.arrayContaining([
          [shipping.code, 6_000],
          [second.code, 3_000],
        ]),
      );
      // The farm's 5,000 fee first, then 1,000 of the shop's 3,000.
      const waived = (agency: Agency) => cart.groups.find((g: { partnerAgency: { id: string } }) => g.partnerAgency.id === agency.id).price.shippingDiscount;
      expect([waived(shop), waived(farm)]).toEqual([1_000, 5_000]);
      expect(cart.price).toEqual({ itemsTotal: 30_000, itemDiscount: 3_000, shippingFee: 8_000, shippingDiscount: 6_000, total: 29_000 });

      // Below the minimum now: the cart keeps it with its problem; checkout refuses it, nothing held.
      const lowered = (await t.ok(SET_CART_LINE, { listingId: apples, quantity: 0 }, buyer.token)).setCartLine;
      expect(lowered.price.itemDiscount).toBe(0);
      const mine = (await t.ok(MY_CART, {}, buyer.token)).myCart;
      expect(mine.coupons.find((c: { code: string }) => c.code === second.code).problem).toMatch(/최소 주문금액/);
      const refused = await checkout(t, buyer.token);
      expect(codeOf(refused)).toBe('BAD_USER_INPUT');
      expect(refused.errors![0].extensions.fields).toEqual([{ field: `cart.coupons.${second.code}`, message: expect.stringMatching(/최소 주문금액/) }]);
      // An unknown code, or one not applying, is refused when entered.
      expect(codeOf(await t.gql(APPLY, { code: 'NO-SUCH-CODE' }, buyer.token))).toBe('BAD_USER_INPUT');
      const removed = (await t.ok(REMOVE, { code: second.code }, buyer.token)).removeCartCoupon;
      expect(removed.coupons.map((c: { code: string }) => c.code)).toEqual([shipping.code]);
      expect(codeOf(await t.gql(APPLY, { code: second.code }, buyer.token))).toBe('BAD_USER_INPUT');
    });
  });

  describe('uses (docs/RULES.md §19): limits under concurrency, released on expiry and full cancellation', () => {
    // totalUsageLimit under concurrent checkouts through two server processes: coupon-processes.e2e-spec.ts.
    it('perUserLimit 1 and two concurrent checkouts by one user: one', async () => {
      const listingId = await goodsListing(t, shop, { stock: 100 });
      const coupon = await saveCoupon(operator, { perUserLimit: 1 });
      const buyer = await signUp(t, '두 번 구매자');
      await fill(buyer.token, [[listingId, 1]]);
      await t.ok(APPLY, { code: coupon.code }, buyer.token);
      const results = await Promise.all([checkout(t, buyer.token), checkout(t, buyer.token)]);
      expect(results.map((res) => (res.errors ? codeOf(res) : res.data!.checkout.status)).sort()).toEqual(['LIMIT_EXCEEDED', 'PENDING_PAYMENT']);
      expect(await usedCount(coupon.id)).toBe(1);
    });

    it('an expired checkout gives its use back; every order cancelled before shipment gives it back; a partial cancellation keeps it', async () => {
      const rice = await goodsListing(t, shop, { stock: 100, shippingFee: 3_000, freeShippingOver: null }, { price: 10_000 });
      const apples = await goodsListing(t, farm, { stock: 100, shippingFee: 3_000, freeShippingOver: null }, { price: 10_000 });
      const coupon = await saveCoupon(operator, { perUserLimit: 5, amount: 2_000 });
      const buyer = await signUp(t, '취소 구매자');
      await fill(buyer.token, [
        [rice, 2],
        [apples, 1],
      ]);
      await t.ok(APPLY, { code: coupon.code }, buyer.token);

      await checkedOut(buyer.token);
      expect(await usedCount(coupon.id)).toBe(1);
      await advanceTo(t, operator, new Date(serverNow(t).getTime() + 16 * 60_000).toISOString());
      expect(await usedCount(coupon.id)).toBe(0);

      const created = await checkedOut(buyer.token);
      const paid = (await t.ok(PAY, { input: { id: created.id, paymentKey: `pk_cancel_${created.id}` } }, buyer.token)).payCheckout;
      expect(await usedCount(coupon.id)).toBe(1);
      const [shopOrder, farmOrder] = [shop, farm].map((agency) => paid.orders.find((o: { partnerAgency: { id: string } }) => o.partnerAgency.id === agency.id));
      const riceLine = shopOrder.lines[0];
      await t.ok(CANCEL_ORDER, { input: { orderId: shopOrder.id, lines: [{ orderLineId: riceLine.id, quantity: 1 }] } }, buyer.token);
      expect(await usedCount(coupon.id)).toBe(1);
      await t.ok(CANCEL_ORDER, { input: { orderId: shopOrder.id } }, buyer.token);
      expect(await usedCount(coupon.id)).toBe(1);
      await t.ok(CANCEL_ORDER, { input: { orderId: farmOrder.id } }, buyer.token);
      expect(await usedCount(coupon.id)).toBe(0);
      // Everything went back: the platform no longer pays the discount, the agencies owe nothing of it.
      expect((await t.ok(TRIAL_BALANCE, {}, operator)).ledgerTrialBalance.balanced).toBe(true);
    });

    it('perUserLimit counts per buyer organization for B2B checkouts: two managers racing get one; a personal use counts apart; expiry and full cancellation give the organization its use back', async () => {
      const listingId = await goodsListing(t, shop, { stock: 100 });
      const coupon = await saveCoupon(operator, { perUserLimit: 1 });
      const organization = await newOrganization(t, '서천군청');
      const [first, second] = [await signUp(t, '김매니저'), await signUp(t, '이매니저')];
      for (const manager of [first, second]) {
        await addMember(t, organization.organizationId, organization.owner.token, manager, 'MANAGER');
        await fill(manager.token, [[listingId, 1]]);
        await t.ok(APPLY, { code: coupon.code }, manager.token);
      }
      const onBehalfOf = { organizationId: organization.organizationId, taxInvoice: TAX_INVOICE };
      const forOrganization = (token: string) => checkout(t, token, { onBehalfOf });
      const outcome = (res: Awaited<ReturnType<typeof checkout>>) => (res.errors ? codeOf(res) : res.data!.checkout.status);

      const raced = await Promise.all([forOrganization(first.token), forOrganization(second.token)]);
      expect(raced.map(outcome).sort()).toEqual(['LIMIT_EXCEEDED', 'PENDING_PAYMENT']);
      expect(await usedCount(coupon.id)).toBe(1);
      const [winner, loser] = raced[0].errors ? [second, first] : [first, second];
      // The winner's purchase for themself is counted apart from the organization's.
      expect(outcome(await checkout(t, winner.token))).toBe('PENDING_PAYMENT');
      expect(await usedCount(coupon.id)).toBe(2);
      expect(codeOf(await forOrganization(loser.token))).toBe('LIMIT_EXCEEDED');

      // The holds lapse: the organization's use comes back.
      await advanceTo(t, operator, new Date(serverNow(t).getTime() + 16 * 60_000).toISOString());
      expect(await usedCount(coupon.id)).toBe(0);
      const bought = (await forOrganization(loser.token)).data!.checkout;
      const paid = (await t.ok(PAY, { input: { id: bought.id, paymentKey: `pk_org_${bought.id}` } }, loser.token)).payCheckout;
      expect(codeOf(await forOrganization(winner.token))).toBe('LIMIT_EXCEEDED');
      // Cancelled in full before shipment: back again.
      await t.ok(CANCEL_ORDER, { input: { orderId: paid.orders[0].id } }, loser.token);
      expect(await usedCount(coupon.id)).toBe(0);
      expect(outcome(await forOrganization(winner.token))).toBe('PENDING_PAYMENT');
      expect(await usedCount(coupon.id)).toBe(1);
    });

    it('a completed return keeps the use (the per-user limit stays reached); a full cancellation before shipment gives it back', async () => {
      const listingId = await goodsListing(t, shop, { stock: 100, shippingFee: 3_000, freeShippingOver: null }, { price: 10_000 });
      const coupon = await saveCoupon(operator, { perUserLimit: 1, amount: 2_000 });
      const buyPaid = async (token: string) => {
        await fill(token, [[listingId, 1]]);
        await t.ok(APPLY, { code: coupon.code }, token);
        const created = await checkedOut(token);
        return (await t.ok(PAY, { input: { id: created.id, paymentKey: `pk_limit_${created.id}` } }, token)).payCheckout.orders[0];
      };
      const returner = await signUp(t, '반품 구매자');
      const order = await buyPaid(returner.token);
      await t.ok(SHIP, { input: { orderId: order.id, carrier: 'CJ_LOGISTICS', trackingNumber: `6${String(Date.now()).slice(-11)}` } }, shop.owner.token);
      const request = (
        await t.ok(
          REQUEST_RETURN,
          { input: { orderId: order.id, reason: 'DAMAGED_IN_DELIVERY', resolution: 'REFUND', lines: [{ orderLineId: order.lines[0].id, quantity: 1 }] } },
          returner.token,
        )
      ).requestReturn;
      for (const step of [ACCEPT_RETURN, RECEIVE_RETURN, COMPLETE_RETURN]) await t.ok(step, { id: request.id }, shop.owner.token);
      expect((await t.ok(ORDER_STATUS, { id: order.id }, returner.token)).order).toEqual({ status: 'RETURNED', refundedAmount: 11_000 });
      expect(await usedCount(coupon.id)).toBe(1);
      await fill(returner.token, [[listingId, 1]]);
      const again = await t.gql(APPLY, { code: coupon.code }, returner.token);
      expect(codeOf(again)).toBe('BAD_USER_INPUT');
      expect(again.errors![0].extensions.fields).toEqual([{ field: 'code', message: expect.stringMatching(/사용 한도 초과/) }]);

      const canceller = await signUp(t, '취소 구매자');
      const cancelled = await buyPaid(canceller.token);
      expect(await usedCount(coupon.id)).toBe(2);
      await t.ok(CANCEL_ORDER, { input: { orderId: cancelled.id } }, canceller.token);
      expect(await usedCount(coupon.id)).toBe(1);
      await buyPaid(canceller.token);
      expect(await usedCount(coupon.id)).toBe(2);
    });

    it('refunds of agency-funded discounted lines credit the agency list price less its own share (ledger)', async () => {
      const agency = await activePartnerAgency(t, operator, { name: '바른먹거리 협동조합' });
      const rice = await goodsListing(t, agency, { stock: 100, shippingFee: 3_000, freeShippingOver: null }, { price: 10_000 });
      const coupon = await saveCoupon(agency.owner.token, { fundedBy: 'PARTNER_AGENCY', partnerAgencyId: agency.id, amount: 3_000 });
      const buyer = await signUp(t, '반품 구매자');
      await fill(buyer.token, [[rice, 3]]);
      await t.ok(APPLY, { code: coupon.code }, buyer.token);
      const created = await checkedOut(buyer.token);
      expect(created.price.total).toBe(30_000);
      const paid = (await t.ok(PAY, { input: { id: created.id, paymentKey: `pk_agency_${created.id}` } }, buyer.token)).payCheckout;
      const rate = await feeRate(agency);
      const promotionsBefore = await balance('PLATFORM_PROMOTIONS');
      // PARTNER_AGENCY: list price less its discount, the fee measured after it.
      expect(await balance('PARTNER_AGENCY_PAYABLE', agency.id)).toBe(27_000 + 3_000 - Math.floor((27_000 * rate) / 10_000));
      const order = paid.orders[0];
      await t.ok(CANCEL_ORDER, { input: { orderId: order.id, lines: [{ orderLineId: order.lines[0].id, quantity: 1 }] } }, buyer.token);
      // One of three units: 10,000 − floor(3,000/3) back to the buyer, all of it from the agency less the fee on it.
      const keptBase = 18_000;
      expect(await balance('PARTNER_AGENCY_PAYABLE', agency.id)).toBe(keptBase + 3_000 - Math.floor((keptBase * rate) / 10_000));
      expect(await balance('PLATFORM_PROMOTIONS')).toBe(promotionsBefore);
    });
  });
});
