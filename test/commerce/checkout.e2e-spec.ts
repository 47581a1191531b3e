import { DataSource } from 'typeorm';
import { activePartnerAgency, agencyMember, type Agency, type User } from '../support/catalog.js';
import { bookableService, codeOf } from '../support/booking.js';
import { ADDRESS, CHECKOUT_BY_ID, MY_CART, ORDER, PAY_CHECKOUT, SET_CART_LINE, checkout, goodsListing, stockOf } from '../support/commerce.js';
import { OPERATOR_ENV, createTestApp, logInOperator, signUp, type TestApp } from '../support/test-app.js';

const TRIAL_BALANCE = `{ ledgerTrialBalance { total balanced } }`;
const BALANCE = `query($kind: LedgerAccountKind!, $ownerId: ID) { ledgerAccountBalance(kind: $kind, ownerId: $ownerId) { balance } }`;

describe('cart, checkout and payment of goods (docs/RULES.md §15, §16)', () => {
  let t: TestApp;
  let operator: string;
  let sunny: Agency;
  let farm: Agency;
  let rice: string;
  let tofu: string;
  let honey: string;

  beforeAll(async () => {
    t = await createTestApp({ ...OPERATOR_ENV, DURE_TEST_CLOCK: '1' });
    operator = await logInOperator(t);
    sunny = await activePartnerAgency(t, operator, { name: '햇살 협동조합' });
    farm = await activePartnerAgency(t, operator, { name: '들녘 영농조합', tierCode: 'BASIC' });
    rice = await goodsListing(t, sunny, { stock: 20, shippingFee: 3_000, freeShippingOver: 30_000 }, { title: '유기농 현미 5kg', price: 12_000 });
    tofu = await goodsListing(t, sunny, { stock: 20, shippingFee: 3_000, freeShippingOver: 50_000 }, { title: '손두부', price: 8_000 });
    honey = await goodsListing(
      t,
      farm,
      { stock: 20, shippingFee: 4_000, freeShippingOver: null, dispatchBusinessDays: 5 },
      { title: '아카시아 꿀', price: 20_000, taxFree: true },
    );
  });
  afterAll(() => t.close());

  const setLine = (token: string, listingId: string, quantity: number) => t.gql(SET_CART_LINE, { listingId, quantity }, token);
  const fill = async (buyer: User, lines: Array<[string, number]>) => {
    for (const [listingId, quantity] of lines) await t.ok(SET_CART_LINE, { listingId, quantity }, buyer.token);
  };
  const checkedOut = async (buyer: User, input: Record<string, unknown> = {}) => {
    const res = await checkout(t, buyer.token, input);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.checkout;
  };
  const pay = (id: string, paymentKey: string, token: string) => t.gql(PAY_CHECKOUT, { input: { id, paymentKey } }, token);
  const providerCharges = async (orderId: string) =>
    Number((await t.app.get(DataSource).query(`SELECT count(*) FROM simulated_provider_payment WHERE order_id = $1`, [orderId]))[0].count);

  it('a cart over two agencies: one group per agency, shipping per §15, prices as the listings say now', async () => {
    const buyer = await signUp(t, '김구매');
    await fill(buyer, [
      [rice, 2],
      [tofu, 1],
      [honey, 1],
    ]);
    const { myCart } = await t.ok(MY_CART, {}, buyer.token);
    expect(myCart.lines.map((line: { listing: { id: string } }) => line.listing.id)).toEqual([rice, tofu, honey]);
    expect(myCart.groups).toEqual([
      {
        partnerAgency: { id: sunny.id },
        freeShippingRemaining: null,
        price: { itemsTotal: 32_000, itemDiscount: 0, shippingFee: 0, shippingDiscount: 0, total: 32_000 },
        lines: [{ id: myCart.lines[0].id }, { id: myCart.lines[1].id }],
      },
      {
        partnerAgency: { id: farm.id },
        freeShippingRemaining: null,
        price: { itemsTotal: 20_000, itemDiscount: 0, shippingFee: 4_000, shippingDiscount: 0, total: 24_000 },
        lines: [{ id: myCart.lines[2].id }],
      },
    ]);
    expect(myCart.price).toEqual({ itemsTotal: 52_000, itemDiscount: 0, shippingFee: 4_000, shippingDiscount: 0, total: 56_000 });

    const lowered = (await t.ok(SET_CART_LINE, { listingId: rice, quantity: 1 }, buyer.token)).setCartLine;
    expect(lowered.groups[0]).toMatchObject({ freeShippingRemaining: 10_000, price: { itemsTotal: 20_000, shippingFee: 3_000, total: 23_000 } });
    const removed = (await t.ok(SET_CART_LINE, { listingId: honey, quantity: 0 }, buyer.token)).setCartLine;
    expect(removed.lines).toHaveLength(2);
    // An id that is no UUID names no line: removing it changes nothing (it was an internal error, found by hostile-input).
    const nothingRemoved = (await t.ok(SET_CART_LINE, { listingId: '1', quantity: 0 }, buyer.token)).setCartLine;
    expect(nothingRemoved.lines).toHaveLength(2);
  });

  it('goods terms of §15: dispatch days 1–14, the return fee follows shippingFee until set, omitted keeps and null restores on update', async () => {
    const GOODS = `goods { stock shippingFee dispatchBusinessDays returnShippingFee perishable }`;
    const create = (goods: Record<string, unknown>) =>
      t.gql(
        `mutation($input: CreateListingInput!) { createListing(input: $input) { id ${GOODS} } }`,
        {
          input: {
            partnerAgencyId: farm.id,
            kind: 'GOODS',
            title: '들기름',
            description: '저온 압착',
            price: 15_000,
            commissionRateBps: 0,
            goods: { stock: 3, shippingFee: 3_000, ...goods },
          },
        },
        farm.owner.token,
      );
    expect((await create({ dispatchBusinessDays: 15 })).errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'input.goods.dispatchBusinessDays' }],
    });
    const created = (await create({})).data!.createListing;
    expect(created.goods).toEqual({ stock: 3, shippingFee: 3_000, dispatchBusinessDays: 3, returnShippingFee: 3_000, perishable: false });
    const update = async (goods: Record<string, unknown>) =>
      (
        await t.ok(
          `mutation($id: ID!, $input: UpdateListingInput!) { updateListing(id: $id, input: $input) { ${GOODS} } }`,
          { id: created.id, input: { goods: { stock: 3, shippingFee: 3_000, ...goods } } },
          farm.owner.token,
        )
      ).updateListing.goods;
    expect(await update({ dispatchBusinessDays: 7, returnShippingFee: 6_000, perishable: true })).toMatchObject({
      dispatchBusinessDays: 7,
      returnShippingFee: 6_000,
      perishable: true,
    });
    expect(await update({ stock: 9, shippingFee: 2_500 })).toEqual({
      stock: 9,
      shippingFee: 2_500,
      dispatchBusinessDays: 7,
      returnShippingFee: 6_000,
      perishable: true,
    });
    expect(await update({ shippingFee: 2_500, dispatchBusinessDays: null, returnShippingFee: null, perishable: null })).toEqual({
      stock: 3,
      shippingFee: 2_500,
      dispatchBusinessDays: 3,
      returnShippingFee: 2_500,
      perishable: false,
    });
  });

  it('cart rules: GOODS only, own agency FORBIDDEN, quantity 0–999, at most 50 lines, problem lines kept', async () => {
    const buyer = await signUp(t);
    const service = await bookableService(t, sunny);
    expect((await setLine(buyer.token, service, 1)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'listingId' }] });
    expect(codeOf(await setLine(sunny.owner.token, rice, 1))).toBe('FORBIDDEN');
    const staff = await agencyMember(t, sunny, 'STAFF');
    expect(codeOf(await setLine(staff.token, rice, 1))).toBe('FORBIDDEN');
    expect(codeOf(await setLine(buyer.token, '00000000-0000-4000-8000-000000000000', 1))).toBe('NOT_FOUND');
    expect((await setLine(buyer.token, rice, 1000)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'quantity' }] });
    expect(codeOf(await setLine(undefined as never, rice, 1))).toBe('UNAUTHENTICATED');

    const scarce = await goodsListing(t, farm, { stock: 2 }, { title: '한정 잼' });
    const cart = (await t.ok(SET_CART_LINE, { listingId: scarce, quantity: 3 }, buyer.token)).setCartLine;
    expect(cart.lines[0]).toMatchObject({ quantity: 3, problem: expect.stringContaining('재고 부족') });
    await t.ok(`mutation($id: ID!) { hideListing(id: $id) { id } }`, { id: scarce }, farm.owner.token);
    expect((await t.ok(MY_CART, {}, buyer.token)).myCart.lines[0].problem).toContain('판매 중지');
    const refused = await checkout(t, buyer.token);
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: `cart.lines.${cart.lines[0].id}` }] });
    expect((await t.ok(SET_CART_LINE, { listingId: scarce, quantity: 0 }, buyer.token)).setCartLine.lines).toEqual([]);
    expect((await checkout(t, buyer.token)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'cart' }] });

    const mall = await activePartnerAgency(t, operator, { name: '서천가득몰', tierCode: 'PREMIUM' });
    const many = await Promise.all(Array.from({ length: 50 }, (_, i) => goodsListing(t, mall, { stock: 1 }, { title: `상품 ${i}`, price: 1000 + i })));
    const full = await signUp(t);
    for (const id of many) await t.ok(SET_CART_LINE, { listingId: id, quantity: 1 }, full.token);
    expect(codeOf(await setLine(full.token, rice, 1))).toBe('LIMIT_EXCEEDED');
    expect((await t.ok(SET_CART_LINE, { listingId: many[0], quantity: 2 }, full.token)).setCartLine.lines).toHaveLength(50);
  }, 120_000);

  it('checkout → pay: one order per agency, stock taken, ledger split per agency at its fee rate, deadlines set', async () => {
    const buyer = await signUp(t, '박구매');
    await fill(buyer, [
      [rice, 2],
      [tofu, 1],
      [honey, 1],
    ]);
    const before = { rice: await stockOf(t, rice, buyer.token), honey: await stockOf(t, honey, buyer.token) };
    const created = await checkedOut(buyer, { expectedTotal: 56_000 });
    expect(created).toMatchObject({
      status: 'PENDING_PAYMENT',
      paidAt: null,
      price: { itemsTotal: 52_000, shippingFee: 4_000, total: 56_000 },
      shippingAddress: { recipientName: ADDRESS.recipientName, postalCode: ADDRESS.postalCode },
      paymentRequest: { amount: 56_000, orderName: '유기농 현미 5kg 외 2건' },
      payment: { status: 'READY', amount: 56_000 },
    });
    expect(created.number).toMatch(/^C\d{6}-[0-9A-HJKMNP-TV-Z]{6}$/);
    expect(created.orders.map((order: { partnerAgency: { id: string } }) => order.partnerAgency.id).sort()).toEqual([sunny.id, farm.id].sort());
    for (const order of created.orders)
      expect(order).toMatchObject({ status: 'PENDING_PAYMENT', number: expect.stringMatching(/^O\d{6}-/), dispatchDeadline: null });
    expect(await stockOf(t, rice, buyer.token)).toBe(before.rice - 2);
    expect(await stockOf(t, honey, buyer.token)).toBe(before.honey - 1);
    // Unpaid orders are invisible to the agency.
    expect(codeOf(await t.gql(ORDER, { id: created.orders[0].id }, sunny.owner.token))).toBe('NOT_FOUND');
    expect(codeOf(await t.gql(ORDER, { id: created.orders[0].id }, farm.owner.token))).toBe('NOT_FOUND');

    // Raised while the checkout waits for payment: the unit beyond what was bought stays in the cart.
    await t.ok(SET_CART_LINE, { listingId: rice, quantity: 3 }, buyer.token);
    const paid = (await pay(created.id, `pk_${created.id}`, buyer.token)).data!.payCheckout;
    expect(paid).toMatchObject({ status: 'PAID', holdExpiresAt: null, paymentRequest: null, payment: { status: 'PAID', amount: 56_000 } });
    for (const order of paid.orders) expect(order).toMatchObject({ status: 'PAID', paidAt: paid.paidAt, dispatchDeadline: expect.any(String) });
    const left = (await t.ok(MY_CART, {}, buyer.token)).myCart.lines;
    expect(left.map((line: { listing: { id: string }; quantity: number }) => [line.listing.id, line.quantity])).toEqual([[rice, 1]]);
    await t.ok(SET_CART_LINE, { listingId: rice, quantity: 0 }, buyer.token);

    const sunnyOrder = paid.orders.find((order: { partnerAgency: { id: string } }) => order.partnerAgency.id === sunny.id);
    const seen = (await t.ok(ORDER, { id: sunnyOrder.id }, sunny.owner.token)).order;
    expect(seen).toMatchObject({
      status: 'PAID',
      checkout: null,
      price: { itemsTotal: 32_000, shippingFee: 0, total: 32_000 },
      lines: [
        { title: '유기농 현미 5kg', quantity: 2, paidAmount: 24_000 },
        { title: '손두부', paidAmount: 8_000 },
      ],
    });
    expect(codeOf(await t.gql(ORDER, { id: sunnyOrder.id }, farm.owner.token))).toBe('NOT_FOUND');
    expect(codeOf(await t.gql(CHECKOUT_BY_ID, { id: paid.id }, sunny.owner.token))).toBe('NOT_FOUND');

    // STANDARD 600 bps, BASIC 800 bps, per line on the items only (docs/RULES.md §22: no fee on shipping).
    const payable = async (agency: Agency) =>
      (await t.ok(BALANCE, { kind: 'PARTNER_AGENCY_PAYABLE', ownerId: agency.id }, operator)).ledgerAccountBalance.balance;
    expect(await payable(sunny)).toBe(32_000 - (1_440 + 480));
    expect(await payable(farm)).toBe(24_000 - 1_600);
    expect((await t.ok(TRIAL_BALANCE, {}, operator)).ledgerTrialBalance).toEqual({ total: 0, balanced: true });
  });

  it('expectedTotal that differs → CONFLICT and nothing held; the same idempotency key → the same checkout, other input → IDEMPOTENCY_KEY_REUSED', async () => {
    const buyer = await signUp(t);
    await fill(buyer, [[rice, 1]]);
    const stock = await stockOf(t, rice, buyer.token);
    expect(codeOf(await checkout(t, buyer.token, { expectedTotal: 12_000 }))).toBe('CONFLICT');
    expect(await stockOf(t, rice, buyer.token)).toBe(stock);

    const first = await checkedOut(buyer, { idempotencyKey: 'tap', expectedTotal: 15_000 });
    const again = await checkedOut(buyer, { idempotencyKey: 'tap', expectedTotal: 15_000 });
    expect(again.id).toBe(first.id);
    expect(await stockOf(t, rice, buyer.token)).toBe(stock - 1);
    expect(codeOf(await checkout(t, buyer.token, { idempotencyKey: 'tap', expectedTotal: 15_001 }))).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('payCheckout: 20 concurrent calls charge once; a decline leaves it payable; only the buyer pays', async () => {
    const buyer = await signUp(t);
    await fill(buyer, [[tofu, 1]]);
    const created = await checkedOut(buyer);
    expect(codeOf(await pay(created.id, 'pk_other', sunny.owner.token))).toBe('NOT_FOUND');
    expect(codeOf(await pay(created.id, 'pk_other', operator))).toBe('FORBIDDEN');
    expect(codeOf(await pay(created.id, 'sim_decline_card', buyer.token))).toBe('PAYMENT_FAILED');
    expect((await t.ok(CHECKOUT_BY_ID, { id: created.id }, buyer.token)).checkout).toMatchObject({
      status: 'PENDING_PAYMENT',
      payment: { status: 'READY' },
      paymentRequest: { amount: 11_000 },
    });

    const results = await Promise.all(Array.from({ length: 20 }, () => pay(created.id, `pk_race_${created.id}`, buyer.token)));
    expect(results.map((res) => res.errors ?? res.data!.payCheckout.status)).toEqual(Array(20).fill('PAID'));
    expect(await providerCharges(created.paymentRequest.orderId)).toBe(1);
    expect(codeOf(await pay(created.id, 'pk_another_key', buyer.token))).toBe('INVALID_STATE');
    expect((await t.ok(TRIAL_BALANCE, {}, operator)).ledgerTrialBalance.balanced).toBe(true);
  });

  it('checks out a three-line cart over two agencies and pays it in a fixed number of statements (the write path of npm run bench e)', async () => {
    // In this process's main pool, as for reservations (test/booking/reservations.e2e-spec.ts); the provider-attempt
    // log and the simulated provider's own books are on their own connections. Raising either figure puts a round
    // trip on every checkout.
    const CHECKOUT_ONLY = `mutation($input: CheckoutInput!) { checkout(input: $input) { id status } }`;
    const PAY_ONLY = `mutation($input: PayInput!) { payCheckout(input: $input) { id status } }`;
    const statements = async <T>(send: () => Promise<T>) => {
      t.queries.count = 0;
      const result = await send();
      return { result, count: t.queries.count };
    };
    const round = async () => {
      const buyer = await signUp(t);
      await fill(buyer, [
        [rice, 1],
        [tofu, 1],
        [honey, 1],
      ]);
      const checkedOutNow = await statements(() => t.ok(CHECKOUT_ONLY, { input: { shippingAddress: ADDRESS, idempotencyKey: 'counted' } }, buyer.token));
      const { id } = checkedOutNow.result.checkout;
      const paid = await statements(() => t.ok(PAY_ONLY, { input: { id, paymentKey: `pk_${id}` } }, buyer.token));
      expect(paid.result.payCheckout).toEqual({ id, status: 'PAID' });
      return { checkout: checkedOutNow.count, pay: paid.count };
    };
    // The first payment of a process may also settle the year's business calendar (§14); the bench warms up too.
    await round();
    // Each includes the statement that checks the access token's session. Checkout: one conditional stock
    // statement per line (§16), and the one that locks and reads the cart's coupons (§19, none here). Pay: per order its agency's fee rate, its dispatch deadline's closed days, its
    // transition under a row lock, then what OrderPaid's subscribers write: the lines' attribution (§21: the
    // buyer's organizations and remembered clicks) and the agency's ORDER_PAID notice (its members, one outbox
    // insert); one statement takes what was bought out of the cart. Every job the payment queues (dispatch
    // deadlines §26, notice fan-outs) is written in one statement before COMMIT. Per-order work is what issue
    // 21 would batch per checkout.
    expect(await round()).toEqual({ checkout: 17, pay: 25 });
  });
});
