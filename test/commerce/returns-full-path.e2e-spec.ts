import { CREATE_LINK, becomeMarketCreator, trackClick } from '../support/affiliate.js';
import { activePartnerAgency, type Agency } from '../support/catalog.js';
import { advanceTo } from '../support/booking.js';
import { SET_CART_LINE, checkout, goodsListing } from '../support/commerce.js';
import { OPERATOR_ENV, createTestApp, logInOperator, signUp, type TestApp } from '../support/test-app.js';

const SEARCH = `query($search: String!) { listings(filter: { search: $search, kind: GOODS }) { nodes { id } } }`;
const PAY = `mutation($input: PayInput!) { payCheckout(input: $input) { orders { id lines { id } } } }`;
const ORDER = `query($id: ID!) { order(id: $id) {
  status refundedAmount payment { status } shipments { deliveredAt }
  lines { returnedQuantity refundedAmount commission { status amount reversedAmount } }
  returns { status refundAmount }
} }`;
const RETURN_ID = `{ id status }`;
const TRIAL_BALANCE = `{ ledgerTrialBalance { total balanced } }`;
const BALANCE = `query($kind: LedgerAccountKind!, $ownerId: ID) { ledgerAccountBalance(kind: $kind, ownerId: $ownerId) { balance } }`;

/**
 * A buyer goes from search to a returned order through the API alone (issue 15, docs/RULES.md §16–§18, §21):
 * a market creator's link, checkout and payment, a tracked parcel the simulated tracker delivers, a defective
 * return of everything — refunded with the shipping fee, the order RETURNED, the commission reversed, the
 * agency's payable and the ledger back to 0.
 */
describe('full path: search → cart → checkout → pay → ship → delivered → confirmed or returned', () => {
  let t: TestApp;
  let operator: string;
  let shop: Agency;
  let rice: string;

  beforeAll(async () => {
    t = await createTestApp({ ...OPERATOR_ENV, DURE_TEST_CLOCK: '1' });
    operator = await logInOperator(t);
    // Monday 2027-04-05 10:00 KST.
    await advanceTo(t, operator, '2027-04-05T01:00:00Z');
    shop = await activePartnerAgency(t, operator, { name: '햇살 협동조합' });
    rice = await goodsListing(t, shop, { stock: 50, freeShippingOver: null }, { title: '유기농 현미 5kg', price: 12_000, commissionRateBps: 1_000 });
  });
  afterAll(() => t.close());

  /**
   * A market creator links the rice, a buyer finds it by search, checks out through the link and pays; the
   * agency ships it by CJ대한통운 under `trackingNumber`. Answers the order and how to read it as the buyer.
   */
  async function boughtThroughLinkAndShipped(trackingNumber: string) {
    const curator = await signUp(t, '큐레이터');
    await becomeMarketCreator(t, curator.token);
    const link = (await t.ok(CREATE_LINK, { input: { listingId: rice } }, curator.token)).createReferralLink;
    const { token: attributionToken } = await trackClick(t, link.code);
    const buyer = await signUp(t, '김구매');

    const found = (await t.ok(SEARCH, { search: '현미' }, buyer.token)).listings.nodes.map((node: { id: string }) => node.id);
    expect(found).toContain(rice);
    await t.ok(SET_CART_LINE, { listingId: rice, quantity: 2 }, buyer.token);
    const created = await checkout(t, buyer.token, { attributionToken, expectedTotal: 27_000 });
    expect(created.errors).toBeUndefined();
    const checkoutId = created.data!.checkout.id;
    const [order] = (await t.ok(PAY, { input: { id: checkoutId, paymentKey: `pk_${checkoutId}` } }, buyer.token)).payCheckout.orders;
    const read = async () => (await t.ok(ORDER, { id: order.id }, buyer.token)).order;
    expect((await read()).lines[0].commission).toMatchObject({ status: 'PENDING', amount: 2_400, reversedAmount: 0 });

    await t.ok(
      `mutation($input: ShipOrderInput!) { shipOrder(input: $input) { status } }`,
      { input: { orderId: order.id, carrier: 'CJ_LOGISTICS', trackingNumber } },
      shop.owner.token,
    );
    return { order, read, buyer };
  }

  it('ends RETURNED with everything paid back, the commission reversed and the trial balance at 0', async () => {
    const { order, read, buyer } = await boughtThroughLinkAndShipped('6012-3456-7890');
    // The simulated tracker delivers at 18:00 KST on the 2nd business day: Wednesday 2027-04-07.
    await advanceTo(t, operator, '2027-04-07T09:00:00Z');
    expect(await read()).toMatchObject({ status: 'DELIVERED', shipments: [{ deliveredAt: '2027-04-07T09:00:00.000Z' }] });

    const request = (
      await t.ok(
        `mutation($input: RequestReturnInput!) { requestReturn(input: $input) ${RETURN_ID} }`,
        { input: { orderId: order.id, reason: 'DAMAGED_IN_DELIVERY', resolution: 'REFUND', lines: [{ orderLineId: order.lines[0].id, quantity: 2 }] } },
        buyer.token,
      )
    ).requestReturn;
    await t.ok(`mutation($id: ID!) { acceptReturn(input: { returnRequestId: $id }) ${RETURN_ID} }`, { id: request.id }, shop.owner.token);
    await t.ok(`mutation($id: ID!) { markReturnReceived(returnRequestId: $id) ${RETURN_ID} }`, { id: request.id }, shop.owner.token);
    await t.ok(`mutation($id: ID!) { completeReturn(input: { returnRequestId: $id }) ${RETURN_ID} }`, { id: request.id }, shop.owner.token);

    expect(await read()).toMatchObject({
      status: 'RETURNED',
      refundedAmount: 27_000,
      payment: { status: 'REFUNDED' },
      lines: [{ returnedQuantity: 2, refundedAmount: 24_000, commission: { amount: 2_400, reversedAmount: 2_400 } }],
      returns: [{ status: 'COMPLETED', refundAmount: 27_000 }],
    });
    expect((await t.ok(BALANCE, { kind: 'PARTNER_AGENCY_PAYABLE', ownerId: shop.id }, operator)).ledgerAccountBalance.balance).toBe(0);
    expect((await t.ok(TRIAL_BALANCE, {}, operator)).ledgerTrialBalance).toEqual({ total: 0, balanced: true });
  });

  it('ends CONFIRMED by itself 8 days after the tracked delivery, with the commission APPROVED (the issue’s full path)', async () => {
    // From Wednesday 2027-04-07 18:00 KST: delivered at 18:00 KST on Friday 2027-04-09, confirmed 8 days later.
    const { read } = await boughtThroughLinkAndShipped('6012-3456-7891');
    await advanceTo(t, operator, '2027-04-09T09:00:00Z');
    expect(await read()).toMatchObject({ status: 'DELIVERED', lines: [{ commission: { status: 'PENDING', amount: 2_400 } }] });
    await advanceTo(t, operator, '2027-04-17T09:00:00Z');
    expect(await read()).toMatchObject({
      status: 'CONFIRMED',
      refundedAmount: 0,
      lines: [{ commission: { status: 'APPROVED', amount: 2_400, reversedAmount: 0 } }],
    });
    expect((await t.ok(TRIAL_BALANCE, {}, operator)).ledgerTrialBalance).toEqual({ total: 0, balanced: true });
  });
});
