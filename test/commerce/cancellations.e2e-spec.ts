import { DataSource } from 'typeorm';
import { RequestContext, TransactionalConnection } from '../../libs/common/src/index.js';
import { PaymentService } from '../../libs/payments/src/index.js';
import { activePartnerAgency, agencyMember, type Agency, type User } from '../support/catalog.js';
import { codeOf } from '../support/booking.js';
import { ORDER_FIELDS, SET_CART_LINE, checkout, goodsListing, stockOf } from '../support/commerce.js';
import { FakeTossServer } from '../support/fake-toss-server.js';
import { OPERATOR_ENV, createTestApp, logInOperator, signUp, type TestApp } from '../support/test-app.js';

const SECRET = 'test_sk_dure_cancel_0123456789';
const CANCELLED_ORDER_FIELDS = `${ORDER_FIELDS} cancelledAt cancellationReason`;
const CANCEL_ORDER = `mutation($input: CancelOrderInput!) { cancelOrder(input: $input) { ${CANCELLED_ORDER_FIELDS} } }`;
const ORDER = `query($id: ID!) { order(id: $id) { ${CANCELLED_ORDER_FIELDS} } }`;
const CHECKOUT_REFUNDED = `query($id: ID!) { checkout(id: $id) { refundedAmount payment { status } } }`;
const PAY_CHECKOUT = `mutation($input: PayInput!) { payCheckout(input: $input) { id orders { id partnerAgency { id } lines { id listing { id } } } } }`;
const TRIAL_BALANCE = `{ ledgerTrialBalance { total balanced } }`;
const BALANCE = `query($kind: LedgerAccountKind!, $ownerId: ID) { ledgerAccountBalance(kind: $kind, ownerId: $ownerId) { balance } }`;

interface PaidOrder {
  id: string;
  partnerAgency: { id: string };
  lines: Array<{ id: string; listing: { id: string } }>;
}

/** docs/RULES.md §17, §18: cancelOrder and the refunds it makes, through Toss (a fake server started here). */
describe('cancelling goods orders and refunding them (docs/RULES.md §18)', () => {
  let fake: FakeTossServer;
  let t: TestApp;
  let operator: string;
  let shop: Agency;
  let rice: string;
  let tofu: string;

  beforeAll(async () => {
    fake = await FakeTossServer.start(SECRET);
    t = await createTestApp({ ...OPERATOR_ENV, DURE_TEST_CLOCK: '1', PAYMENT_PROVIDER: 'toss', TOSS_SECRET_KEY: SECRET, TOSS_API_BASE_URL: fake.url });
    operator = await logInOperator(t);
    shop = await activePartnerAgency(t, operator, { name: '햇살 협동조합' });
    rice = await goodsListing(t, shop, { stock: 100, shippingFee: 3_000, freeShippingOver: null }, { title: '유기농 현미 5kg', price: 12_000 });
    tofu = await goodsListing(t, shop, { stock: 100, shippingFee: 3_000, freeShippingOver: null }, { title: '손두부', price: 8_000 });
  });
  afterAll(async () => {
    await t.close();
    await fake.close();
  });

  /** The buyer's cart filled, checked out and paid through Toss with `tpk_<checkout id>`; the paid checkout. */
  const bought = async (buyer: User, lines: Array<[string, number]>) => {
    for (const [listingId, quantity] of lines) await t.ok(SET_CART_LINE, { listingId, quantity }, buyer.token);
    const created = await checkout(t, buyer.token);
    if (created.errors) throw new Error(JSON.stringify(created.errors));
    const id: string = created.data!.checkout.id;
    const paid = (await t.ok(PAY_CHECKOUT, { input: { id, paymentKey: `tpk_${id}` } }, buyer.token)).payCheckout;
    return paid as { id: string; orders: PaidOrder[] };
  };
  const lineOf = (order: PaidOrder, listingId: string) => order.lines.find((line) => line.listing.id === listingId)!.id;
  const cancel = (token: string, input: Record<string, unknown>) => t.gql(CANCEL_ORDER, { input }, token);
  const cancelled = async (token: string, input: Record<string, unknown>) => (await t.ok(CANCEL_ORDER, { input }, token)).cancelOrder;
  const cancelsAtToss = (checkoutId: string) => fake.actions.filter((action) => action.startsWith(`cancel tpk_${checkoutId} `));
  const balance = async (kind: string, ownerId: string | null = null) => (await t.ok(BALANCE, { kind, ownerId }, operator)).ledgerAccountBalance.balance;
  const strikesOf = async (orderId: string) =>
    t.app.get(DataSource).query(`SELECT reason, note FROM strike WHERE order_id = $1 ORDER BY created_at`, [orderId]) as Promise<
      Array<{ reason: string; note: string }>
    >;

  it('the buyer cancels one unit, then the rest: refunds through Toss per §18, stock back, shipping back with the last, ledger back to 0', async () => {
    const seller = await activePartnerAgency(t, operator, { name: '들녘 영농조합' });
    const honey = await goodsListing(t, seller, { stock: 10, shippingFee: 3_000, freeShippingOver: null }, { title: '아카시아 꿀', price: 12_000 });
    const jam = await goodsListing(t, seller, { stock: 10, shippingFee: 3_000, freeShippingOver: null }, { title: '딸기잼', price: 8_000 });
    const buyer = await signUp(t, '김구매');
    const paid = await bought(buyer, [
      [honey, 2],
      [jam, 1],
    ]);
    const [order] = paid.orders;
    // Captured 35,000: the agency's payable is 35,000 less STANDARD's 6 % fee per line on the items (1,440 + 480).
    expect(await balance('PARTNER_AGENCY_PAYABLE', seller.id)).toBe(33_080);
    expect(await stockOf(t, honey, buyer.token)).toBe(8);

    const partial = await cancelled(buyer.token, { orderId: order.id, lines: [{ orderLineId: lineOf(order, honey), quantity: 1 }] });
    expect(partial).toMatchObject({
      status: 'PAID',
      refundedAmount: 12_000,
      cancellationReason: null,
      cancelledAt: expect.any(String),
      payment: { status: 'PARTIALLY_REFUNDED' },
      lines: [
        { quantity: 2, cancelledQuantity: 1, refundedAmount: 12_000, paidAmount: 24_000 },
        { quantity: 1, cancelledQuantity: 0, refundedAmount: 0 },
      ],
    });
    expect(cancelsAtToss(paid.id)).toEqual([`cancel tpk_${paid.id} 12000`]);
    expect(await stockOf(t, honey, buyer.token)).toBe(9);
    // The fee on the honey line's 12,000 left is 720: 720 of its 1,440 came back with 11,280 of the agency's.
    expect(await balance('PARTNER_AGENCY_PAYABLE', seller.id)).toBe(21_800);
    expect((await t.ok(CHECKOUT_REFUNDED, { id: paid.id }, buyer.token)).checkout).toEqual({
      refundedAmount: 12_000,
      payment: { status: 'PARTIALLY_REFUNDED' },
    });

    const rest = await cancelled(buyer.token, { orderId: order.id, reason: ' 마음이 바뀌었어요 ' });
    expect(rest).toMatchObject({
      status: 'CANCELLED',
      refundedAmount: 35_000,
      cancellationReason: '마음이 바뀌었어요',
      payment: { status: 'REFUNDED' },
      lines: [
        { cancelledQuantity: 2, refundedAmount: 24_000 },
        { cancelledQuantity: 1, refundedAmount: 8_000 },
      ],
    });
    expect(cancelsAtToss(paid.id)).toEqual([`cancel tpk_${paid.id} 12000`, `cancel tpk_${paid.id} 23000`]);
    expect(fake.payments.get(`tpk_${paid.id}`)).toMatchObject({ status: 'CANCELED', balanceAmount: 0 });
    expect([await stockOf(t, honey, buyer.token), await stockOf(t, jam, buyer.token)]).toEqual([10, 10]);
    expect((await t.ok(CHECKOUT_REFUNDED, { id: paid.id }, buyer.token)).checkout).toEqual({ refundedAmount: 35_000, payment: { status: 'REFUNDED' } });
    expect(await balance('PARTNER_AGENCY_PAYABLE', seller.id)).toBe(0);
    expect((await t.ok(TRIAL_BALANCE, {}, operator)).ledgerTrialBalance).toEqual({ total: 0, balanced: true });
    expect(await strikesOf(order.id)).toEqual([]);

    expect(codeOf(await cancel(buyer.token, { orderId: order.id }))).toBe('INVALID_STATE');
  });

  it('cancelling one agency’s order of a two-agency checkout leaves the other paid; the checkout sums the refunds', async () => {
    const other = await activePartnerAgency(t, operator, { name: '바다 어촌계' });
    const seaweed = await goodsListing(t, other, { stock: 10, shippingFee: 4_000, freeShippingOver: null }, { title: '곱창김', price: 10_000 });
    const buyer = await signUp(t, '이구매');
    const paid = await bought(buyer, [
      [rice, 1],
      [seaweed, 2],
    ]);
    const seaOrder = paid.orders.find((order) => order.partnerAgency.id === other.id)!;
    const riceOrder = paid.orders.find((order) => order.partnerAgency.id === shop.id)!;
    expect(await cancelled(buyer.token, { orderId: seaOrder.id })).toMatchObject({ status: 'CANCELLED', refundedAmount: 24_000 });
    expect(cancelsAtToss(paid.id)).toEqual([`cancel tpk_${paid.id} 24000`]);
    expect((await t.ok(ORDER, { id: riceOrder.id }, buyer.token)).order).toMatchObject({ status: 'PAID', refundedAmount: 0, cancelledAt: null });
    expect((await t.ok(CHECKOUT_REFUNDED, { id: paid.id }, buyer.token)).checkout).toEqual({
      refundedAmount: 24_000,
      payment: { status: 'PARTIALLY_REFUNDED' },
    });
    expect(await balance('PARTNER_AGENCY_PAYABLE', other.id)).toBe(0);
  });

  it('the agency needs a reason and gets one PROVIDER_CANCELLATION strike per call; its staff may not; an operator cancels without a strike', async () => {
    const buyer = await signUp(t, '박구매');
    const [order] = (
      await bought(buyer, [
        [rice, 3],
        [tofu, 1],
      ])
    ).orders;
    const riceLine = lineOf(order, rice);
    const manager = await agencyMember(t, shop, 'MANAGER');
    const staff = await agencyMember(t, shop, 'STAFF');
    const stranger = await signUp(t, '남');

    const blank = await cancel(manager.token, { orderId: order.id, reason: '  ', lines: [{ orderLineId: riceLine, quantity: 1 }] });
    expect(blank.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.reason' }] });
    expect(codeOf(await cancel(staff.token, { orderId: order.id, reason: '품절' }))).toBe('FORBIDDEN');
    expect(codeOf(await cancel(stranger.token, { orderId: order.id, reason: '품절' }))).toBe('NOT_FOUND');

    const first = await cancelled(manager.token, { orderId: order.id, reason: '현미 품절', lines: [{ orderLineId: riceLine, quantity: 1 }] });
    expect(first).toMatchObject({ status: 'PAID', refundedAmount: 12_000, cancellationReason: '현미 품절' });
    expect(await strikesOf(order.id)).toEqual([{ reason: 'PROVIDER_CANCELLATION', note: expect.stringContaining('현미 품절') }]);
    await cancelled(shop.owner.token, { orderId: order.id, reason: '또 품절', lines: [{ orderLineId: riceLine, quantity: 1 }] });
    expect((await strikesOf(order.id)).map((strike) => strike.reason)).toEqual(['PROVIDER_CANCELLATION', 'PROVIDER_CANCELLATION']);

    const byOperator = await cancelled(operator, { orderId: order.id });
    expect(byOperator).toMatchObject({ status: 'CANCELLED', refundedAmount: 12_000 * 3 + 8_000 + 3_000, cancellationReason: null });
    expect(await strikesOf(order.id)).toHaveLength(2);
  });

  it('units beyond what can be cancelled, lines of other orders and empty lists are BAD_USER_INPUT on the field; unpaid orders INVALID_STATE', async () => {
    const buyer = await signUp(t, '최구매');
    const [order] = (await bought(buyer, [[rice, 2]])).orders;
    const riceLine = lineOf(order, rice);
    const fieldsOf = async (input: Record<string, unknown>) => {
      const { errors } = await cancel(buyer.token, { orderId: order.id, ...input });
      expect(errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      return (errors![0].extensions!.fields as Array<{ field: string }>).map((problem) => problem.field);
    };
    expect(await fieldsOf({ lines: [{ orderLineId: riceLine, quantity: 3 }] })).toEqual(['input.lines.0.quantity']);
    expect(await fieldsOf({ lines: [{ orderLineId: riceLine, quantity: 0 }] })).toEqual(['input.lines.0.quantity']);
    expect(await fieldsOf({ lines: [{ orderLineId: order.id, quantity: 1 }] })).toEqual(['input.lines.0.orderLineId']);
    expect(
      await fieldsOf({
        lines: [
          { orderLineId: riceLine, quantity: 1 },
          { orderLineId: riceLine, quantity: 1 },
        ],
      }),
    ).toEqual(['input.lines.1.orderLineId']);
    expect(await fieldsOf({ lines: [] })).toEqual(['input.lines']);
    await cancelled(buyer.token, { orderId: order.id, lines: [{ orderLineId: riceLine, quantity: 1 }] });
    expect(await fieldsOf({ lines: [{ orderLineId: riceLine, quantity: 2 }] })).toEqual(['input.lines.0.quantity']);

    await t.ok(SET_CART_LINE, { listingId: tofu, quantity: 1 }, buyer.token);
    const unpaid = (await checkout(t, buyer.token)).data!.checkout;
    expect(codeOf(await cancel(buyer.token, { orderId: unpaid.orders[0].id }))).toBe('INVALID_STATE');
    expect(codeOf(await cancel(shop.owner.token, { orderId: unpaid.orders[0].id, reason: '품절' }))).toBe('NOT_FOUND');
  });

  it('concurrent cancellations of one order refund once: the others wait for the lock and find nothing left', async () => {
    const buyer = await signUp(t, '정구매');
    const paid = await bought(buyer, [[tofu, 2]]);
    const [order] = paid.orders;
    const stockBefore = await stockOf(t, tofu, buyer.token);
    const results = await Promise.all(Array.from({ length: 6 }, () => cancel(buyer.token, { orderId: order.id })));
    expect(results.filter((result) => !result.errors)).toHaveLength(1);
    expect(results.filter((result) => result.errors).map(codeOf)).toEqual(Array(5).fill('INVALID_STATE'));
    expect(cancelsAtToss(paid.id)).toEqual([`cancel tpk_${paid.id} 19000`]);
    expect(await stockOf(t, tofu, buyer.token)).toBe(stockBefore + 2);
    expect((await t.ok(ORDER, { id: order.id }, buyer.token)).order).toMatchObject({ status: 'CANCELLED', refundedAmount: 19_000 });

    const twoUnits = await bought(buyer, [[tofu, 2]]);
    const line = lineOf(twoUnits.orders[0], tofu);
    const oneEach = await Promise.all(
      Array.from({ length: 3 }, () => cancel(buyer.token, { orderId: twoUnits.orders[0].id, lines: [{ orderLineId: line, quantity: 1 }] })),
    );
    expect(oneEach.filter((result) => !result.errors)).toHaveLength(2);
    expect(cancelsAtToss(twoUnits.id).sort()).toEqual([`cancel tpk_${twoUnits.id} 11000`, `cancel tpk_${twoUnits.id} 8000`]);
    expect((await t.ok(TRIAL_BALANCE, {}, operator)).ledgerTrialBalance).toEqual({ total: 0, balanced: true });
  });

  it('a refund nobody in commerce asked for (made at the provider or directly) is recorded over the orders and lines in proportion', async () => {
    const buyer = await signUp(t, '윤구매');
    const paid = await bought(buyer, [
      [rice, 2],
      [tofu, 1],
    ]);
    const [order] = paid.orders;
    const { paymentId } = (await t.app.get(DataSource).query(`SELECT payment_id AS "paymentId" FROM checkout WHERE id = $1`, [paid.id]))[0];
    const ctx = RequestContext.system();
    await t.app
      .get(TransactionalConnection)
      .withTransaction(ctx, () => t.app.get(PaymentService).refund(ctx, { paymentId, amount: 8_000, reason: '고객센터 환불', refundKey: 'support-desk-1' }));
    // 8,000 over what the lines still have paid (24,000 and 8,000): 6,000 and 2,000; no unit is cancelled.
    expect((await t.ok(ORDER, { id: order.id }, buyer.token)).order).toMatchObject({
      status: 'PAID',
      refundedAmount: 8_000,
      lines: [
        { cancelledQuantity: 0, refundedAmount: 6_000 },
        { cancelledQuantity: 0, refundedAmount: 2_000 },
      ],
    });
    expect((await t.ok(CHECKOUT_REFUNDED, { id: paid.id }, buyer.token)).checkout.refundedAmount).toBe(8_000);
    expect((await t.ok(TRIAL_BALANCE, {}, operator)).ledgerTrialBalance).toEqual({ total: 0, balanced: true });
  });
});
