import { CREATE_LINK, becomeMarketCreator, trackClick } from '../support/affiliate.js';
import { advanceTo, codeOf, serverNow } from '../support/booking.js';
import { activePartnerAgency, agencyMember, type Agency, type User } from '../support/catalog.js';
import { ADDRESS, PAY_CHECKOUT, SET_CART_LINE, checkout, goodsListing } from '../support/commerce.js';
import { OPERATOR_ENV, addMember, createTestApp, logInOperator, signUp, type TestApp } from '../support/test-app.js';

const DAY_MS = 24 * 3600_000;
const ADDRESS_FIELDS = `shippingAddress { recipientName phone postalCode address1 address2 deliveryNote }`;
const ORDER = `query($id: ID!) { order(id: $id) { id status confirmedAt cancelledAt autoConfirmAt checkout { id } buyer { id email phone }
  ${ADDRESS_FIELDS} lines { id order { id } shipment { id } } shipments { id lines { id } order { id } } } }`;
const ORDER_ADDRESS = `query($id: ID!) { order(id: $id) { ${ADDRESS_FIELDS} } }`;
const CHECKOUT = `query($id: ID!) { checkout(id: $id) { id ${ADDRESS_FIELDS} orders { id } } }`;
const AGENCY_ORDERS = `query($id: ID!) { partnerAgencyOrders(partnerAgencyId: $id, first: 50) { nodes { id ${ADDRESS_FIELDS} } } }`;
const SHIP = `mutation($input: ShipOrderInput!) { shipOrder(input: $input) { shipments { id } } }`;
const UPDATE_SHIPMENT = `mutation($input: UpdateShipmentInput!) { updateShipment(input: $input) { id } }`;
const MARK_DELIVERED = `mutation($id: ID!) { markShipmentDelivered(shipmentId: $id) { id } }`;
const CONFIRM = `mutation($id: ID!) { confirmOrder(orderId: $id) { id status confirmedAt } }`;
const CANCEL = `mutation($input: CancelOrderInput!) { cancelOrder(input: $input) { id status cancelledAt } }`;
const MEMBERS = `query($id: ID!) { organization(id: $id) { members { user { id email phone } } } }`;
const CREATOR_COMMISSIONS = `query($id: ID!) { marketCreator(id: $id) { commissions(first: 20) { nodes { amount orderLine { id } } } } }`;

/** What the agency sees of ADDRESS once the retention is over (docs/RULES.md §25). */
const MASKED = { recipientName: '김*매', phone: '010-****-5678', postalCode: ADDRESS.postalCode, address1: '서울 중구', address2: null, deliveryNote: null };

/**
 * docs/RULES.md §25 over HTTP: who reads checkouts, orders, their lines and shipments; the agency's view of the
 * shipping address, full until ADDRESS_RETENTION_DAYS after the order ended and masked from then (test clock);
 * buyers' email and phone for the agency of their orders only; market creators never see buyers or addresses.
 */
describe('privacy of goods orders (docs/RULES.md §25)', () => {
  let t: TestApp;
  let operator: string;
  let sunny: Agency;
  let sunnyStaff: User;
  let farm: Agency;
  let rice: string;
  let buyer: User;
  let stranger: User;
  let creator: User & { creatorId: string };

  beforeAll(async () => {
    t = await createTestApp({ ...OPERATOR_ENV, DURE_TEST_CLOCK: '1' });
    operator = await logInOperator(t);
    // Monday 2027-05-03 10:00 KST; the agencies are made then, so their dues stay current for the timeline.
    await advanceTo(t, operator, '2027-05-03T01:00:00Z');
    sunny = await activePartnerAgency(t, operator, { name: '햇살 협동조합' });
    sunnyStaff = await agencyMember(t, sunny, 'STAFF');
    farm = await activePartnerAgency(t, operator, { name: '들녘 영농조합' });
    rice = await goodsListing(t, sunny, { stock: 100 }, { title: '유기농 현미 5kg', commissionRateBps: 1_000 });
    buyer = await signUp(t, '김구매');
    stranger = await signUp(t, '남');
    const curator = await signUp(t, '큐레이터');
    creator = { ...curator, creatorId: (await becomeMarketCreator(t, curator.token)).id };
  });
  afterAll(() => t.close());

  /** One rice checked out by the buyer (through `attributionToken` when given); paid unless `pay` is false. */
  async function bought(options: { pay?: boolean; attributionToken?: string } = {}): Promise<{ checkoutId: string; orderId: string }> {
    await t.ok(SET_CART_LINE, { listingId: rice, quantity: 1 }, buyer.token);
    const res = await checkout(t, buyer.token, options.attributionToken ? { attributionToken: options.attributionToken } : {});
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    const checkoutId: string = res.data!.checkout.id;
    if (options.pay !== false) await t.ok(PAY_CHECKOUT, { input: { id: checkoutId, paymentKey: `pk_${checkoutId}` } }, buyer.token);
    return { checkoutId, orderId: res.data!.checkout.orders[0].id };
  }
  /** Shipped DIRECT and marked delivered by the agency's owner; the parcel's id. */
  async function delivered(orderId: string): Promise<string> {
    const [shipment] = (await t.ok(SHIP, { input: { orderId, carrier: 'DIRECT' } }, sunny.owner.token)).shipOrder.shipments;
    await t.ok(MARK_DELIVERED, { id: shipment.id }, sunny.owner.token);
    return shipment.id;
  }
  const orderAs = async (token: string, id: string) => (await t.ok(ORDER, { id }, token)).order;
  const addressAs = async (token: string, id: string) => (await t.ok(ORDER_ADDRESS, { id }, token)).order.shippingAddress;
  const moveTo = (instant: number) => advanceTo(t, operator, new Date(instant).toISOString());

  let paid: { checkoutId: string; orderId: string };
  let shipmentId: string;
  let confirmed: { orderId: string; endedAt: number };
  let cancelled: { orderId: string; endedAt: number };
  let autoConfirmed: { orderId: string; autoConfirmAt: number };

  it('Checkout: the buyer and operators; the agency, other agencies, strangers and market creators NOT_FOUND', async () => {
    paid = await bought();
    for (const token of [buyer.token, operator]) {
      expect((await t.ok(CHECKOUT, { id: paid.checkoutId }, token)).checkout).toEqual({
        id: paid.checkoutId,
        shippingAddress: ADDRESS,
        orders: [{ id: paid.orderId }],
      });
    }
    for (const token of [sunny.owner.token, sunnyStaff.token, farm.owner.token, stranger.token, creator.token]) {
      expect(codeOf(await t.gql(CHECKOUT, { id: paid.checkoutId }, token))).toBe('NOT_FOUND');
    }
  });

  it('Order, OrderLine, Shipment: the buyer, the agency’s members and operators (checkout null for the agency); others NOT_FOUND', async () => {
    shipmentId = (await t.ok(SHIP, { input: { orderId: paid.orderId, carrier: 'DIRECT' } }, sunny.owner.token)).shipOrder.shipments[0].id;
    for (const [token, checkoutSeen] of [
      [buyer.token, { id: paid.checkoutId }],
      [operator, { id: paid.checkoutId }],
      [sunny.owner.token, null],
      [sunnyStaff.token, null],
    ] as const) {
      const order = await orderAs(token, paid.orderId);
      expect(order).toMatchObject({ id: paid.orderId, status: 'SHIPPED', checkout: checkoutSeen, shippingAddress: ADDRESS });
      expect(order.lines).toEqual([{ id: expect.any(String), order: { id: paid.orderId }, shipment: { id: shipmentId } }]);
      expect(order.shipments).toEqual([{ id: shipmentId, lines: [{ id: order.lines[0].id }], order: { id: paid.orderId } }]);
    }
    for (const token of [farm.owner.token, stranger.token, creator.token]) {
      expect(codeOf(await t.gql(ORDER, { id: paid.orderId }, token))).toBe('NOT_FOUND');
      // A parcel of an order one may not read is NOT_FOUND too, whatever one tries with it.
      expect(codeOf(await t.gql(UPDATE_SHIPMENT, { input: { shipmentId, carrier: 'DIRECT' } }, token))).toBe('NOT_FOUND');
      expect(codeOf(await t.gql(MARK_DELIVERED, { id: shipmentId }, token))).toBe('NOT_FOUND');
      expect(codeOf(await t.gql(AGENCY_ORDERS, { id: sunny.id }, token))).toBe('NOT_FOUND');
    }
  });

  it('PENDING_PAYMENT and EXPIRED orders: the buyer and operators only, never in the agency’s list', async () => {
    const unpaid = await bought({ pay: false });
    const hidden = async () => {
      for (const token of [buyer.token, operator]) expect((await orderAs(token, unpaid.orderId)).id).toBe(unpaid.orderId);
      for (const token of [sunny.owner.token, sunnyStaff.token]) expect(codeOf(await t.gql(ORDER, { id: unpaid.orderId }, token))).toBe('NOT_FOUND');
      const listed = (await t.ok(AGENCY_ORDERS, { id: sunny.id }, sunny.owner.token)).partnerAgencyOrders.nodes.map((o: { id: string }) => o.id);
      expect(listed).toContain(paid.orderId);
      expect(listed).not.toContain(unpaid.orderId);
    };
    expect((await orderAs(buyer.token, unpaid.orderId)).status).toBe('PENDING_PAYMENT');
    await hidden();
    // Past the 15-minute hold: the job makes it EXPIRED.
    await moveTo(serverNow(t).getTime() + 16 * 60_000);
    expect((await orderAs(buyer.token, unpaid.orderId)).status).toBe('EXPIRED');
    await hidden();
  });

  it('buyers’ email and phone: the agency of their orders reads them; another agency that sees the buyer does not', async () => {
    for (const token of [buyer.token, operator, sunny.owner.token, sunnyStaff.token]) {
      expect((await orderAs(token, paid.orderId)).buyer).toEqual({ id: buyer.id, email: buyer.email, phone: null });
    }
    // farm sees the buyer as a member of its organization, but the buyer never bought from farm.
    await addMember(t, farm.organizationId, farm.owner.token, buyer, 'STAFF');
    const res = await t.gql(MEMBERS, { id: farm.organizationId }, farm.owner.token);
    expect(res.errors?.map((error) => [error.extensions.code, error.path?.slice(-1)[0]])).toEqual(expect.arrayContaining([['FORBIDDEN', 'email']]));
    const forbiddenPaths = res.errors!.map((error) => error.path!.join('.'));
    const buyerIndex = (await t.ok(MEMBERS, { id: farm.organizationId }, operator)).organization.members.findIndex(
      (member: { user: { id: string } }) => member.user.id === buyer.id,
    );
    expect(forbiddenPaths).toEqual(expect.arrayContaining([`organization.members.${buyerIndex}.user.email`, `organization.members.${buyerIndex}.user.phone`]));
    expect(forbiddenPaths.every((path) => path.startsWith(`organization.members.${buyerIndex}.`))).toBe(true);
  });

  it('market creators: their commission’s order line is null; the order, its checkout and its buyer stay hidden', async () => {
    const link = (await t.ok(CREATE_LINK, { input: { listingId: rice } }, creator.token)).createReferralLink;
    const { token } = await trackClick(t, link.code);
    const referred = await bought({ attributionToken: token });
    const commissions = (await t.ok(CREATOR_COMMISSIONS, { id: creator.creatorId }, creator.token)).marketCreator.commissions.nodes;
    expect(commissions).toEqual([{ amount: 1_200, orderLine: null }]);
    // Operators see the line; the market creator never the order, its checkout, its buyer or its address.
    expect((await t.ok(CREATOR_COMMISSIONS, { id: creator.creatorId }, operator)).marketCreator.commissions.nodes).toEqual([
      { amount: 1_200, orderLine: { id: expect.any(String) } },
    ]);
    expect(codeOf(await t.gql(ORDER, { id: referred.orderId }, creator.token))).toBe('NOT_FOUND');
    expect(codeOf(await t.gql(CHECKOUT, { id: referred.checkoutId }, creator.token))).toBe('NOT_FOUND');
  });

  it('orders that end: confirmed by the buyer, cancelled, and confirmed automatically at autoConfirmAt', async () => {
    const toConfirm = await bought();
    await delivered(toConfirm.orderId);
    const byBuyer = (await t.ok(CONFIRM, { id: toConfirm.orderId }, buyer.token)).confirmOrder;
    expect(byBuyer.status).toBe('CONFIRMED');
    confirmed = { orderId: toConfirm.orderId, endedAt: Date.parse(byBuyer.confirmedAt) };

    const toCancel = await bought();
    const cancel = (await t.ok(CANCEL, { input: { orderId: toCancel.orderId } }, buyer.token)).cancelOrder;
    expect(cancel.status).toBe('CANCELLED');
    cancelled = { orderId: toCancel.orderId, endedAt: Date.parse(cancel.cancelledAt) };

    const toAutoConfirm = await bought();
    await delivered(toAutoConfirm.orderId);
    const autoConfirmAt = Date.parse((await orderAs(buyer.token, toAutoConfirm.orderId)).autoConfirmAt);
    autoConfirmed = { orderId: toAutoConfirm.orderId, autoConfirmAt };
    await moveTo(autoConfirmAt + 60_000);
    expect(await orderAs(buyer.token, toAutoConfirm.orderId)).toMatchObject({ status: 'CONFIRMED', confirmedAt: new Date(autoConfirmAt).toISOString() });

    // Within the retention the agency still sees every address in full.
    for (const { orderId } of [confirmed, cancelled, autoConfirmed]) expect(await addressAs(sunnyStaff.token, orderId)).toEqual(ADDRESS);
  });

  it('the agency sees the address in full until 90 days after the order ended, then masked; the buyer and operators always in full', async () => {
    const firstEnded = Math.min(confirmed.endedAt, cancelled.endedAt);
    const lastEnded = Math.max(confirmed.endedAt, cancelled.endedAt);
    await moveTo(firstEnded + 90 * DAY_MS - 60_000);
    for (const { orderId } of [confirmed, cancelled]) expect(await addressAs(sunnyStaff.token, orderId)).toEqual(ADDRESS);

    await moveTo(lastEnded + 90 * DAY_MS);
    for (const { orderId } of [confirmed, cancelled]) {
      expect(await addressAs(sunnyStaff.token, orderId)).toEqual(MASKED);
      expect(await addressAs(sunny.owner.token, orderId)).toEqual(MASKED);
      expect(await addressAs(buyer.token, orderId)).toEqual(ADDRESS);
      expect(await addressAs(operator, orderId)).toEqual(ADDRESS);
    }
    // The agency's list masks alike; orders that ended later stay in full.
    const listed = new Map<string, unknown>(
      (await t.ok(AGENCY_ORDERS, { id: sunny.id }, sunnyStaff.token)).partnerAgencyOrders.nodes.map((o: { id: string; shippingAddress: unknown }) => [
        o.id,
        o.shippingAddress,
      ]),
    );
    expect(listed.get(confirmed.orderId)).toEqual(MASKED);
    expect(listed.get(cancelled.orderId)).toEqual(MASKED);
    expect(listed.get(paid.orderId)).toEqual(ADDRESS);
    expect(listed.get(autoConfirmed.orderId)).toEqual(ADDRESS);
    // The checkout keeps its address in full for those who may read it.
    expect((await t.ok(CHECKOUT, { id: paid.checkoutId }, buyer.token)).checkout.shippingAddress).toEqual(ADDRESS);
  });

  it('an automatic confirmation counts the 90 days from its due time', async () => {
    await moveTo(autoConfirmed.autoConfirmAt + 90 * DAY_MS - 60_000);
    expect(await addressAs(sunnyStaff.token, autoConfirmed.orderId)).toEqual(ADDRESS);
    await moveTo(autoConfirmed.autoConfirmAt + 90 * DAY_MS);
    expect(await addressAs(sunnyStaff.token, autoConfirmed.orderId)).toEqual(MASKED);
    expect(await addressAs(buyer.token, autoConfirmed.orderId)).toEqual(ADDRESS);
  });
});
