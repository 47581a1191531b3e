import { DataSource } from 'typeorm';
import { activePartnerAgency, agencyMember, type Agency, type User } from '../support/catalog.js';
import { bookableService, codeOf, hoursAfter, seoulAt } from '../support/booking.js';
import { SET_CART_LINE, checkout, goodsListing } from '../support/commerce.js';
import { newOrganization } from '../support/membership.js';
import { OPERATOR_ENV, addMember, createTestApp, logInOperator, signUp, type TestApp } from '../support/test-app.js';

const B2B_FIELDS = `buyerOrganization { id } purchaseOrderNumber`;
const CHECKOUT_B2B = `query($id: ID!) { checkout(id: $id) { id ${B2B_FIELDS} orders { id ${B2B_FIELDS} } payment { method } } }`;
const ORDER_B2B = `query($id: ID!) { order(id: $id) { id ${B2B_FIELDS} checkout { id } } }`;
const ORGANIZATION_CHECKOUTS = `query($org: ID!) { organizationCheckouts(organizationId: $org, first: 10) { totalCount nodes { id ${B2B_FIELDS} } } }`;
const PAY_CHECKOUT = `mutation($input: PayInput!) { payCheckout(input: $input) { id status payment { method } } }`;
const RESERVE = `mutation($input: ReserveInput!) { reserve(input: $input) { id ${B2B_FIELDS} } }`;
const REQUEST = `mutation($input: RequestConsultationInput!) { requestConsultation(input: $input) { id ${B2B_FIELDS} } }`;
const OFFER = `mutation($input: SendOfferInput!) { sendOffer(input: $input) { id } }`;
const ACCEPT = `mutation($offerId: ID!, $key: String!) { acceptOffer(offerId: $offerId, idempotencyKey: $key) { id ${B2B_FIELDS} } }`;
const RECIPIENT = { email: 'tax@city.go.kr', contactName: '박담당', contactPhone: '0212345678', businessType: '공공행정', businessItem: '일반행정' };

describe('B2B purchases: onBehalfOf, purchase orders, the buyer organization reading them (docs/RULES.md §23, §25)', () => {
  let t: TestApp;
  let operator: string;
  let supplier: Agency;
  let rice: string;
  let service: string;
  let consultedService: string;
  let buyerOrg: Awaited<ReturnType<typeof newOrganization>>;
  let manager: User;
  let staff: User;
  let keys = 0;

  beforeAll(async () => {
    t = await createTestApp({ ...OPERATOR_ENV, DURE_TEST_CLOCK: '1' });
    operator = await logInOperator(t);
    supplier = await activePartnerAgency(t, operator, { name: '햇살 협동조합' });
    rice = await goodsListing(t, supplier, { stock: 50, shippingFee: 3_000 }, { title: '유기농 현미 5kg', price: 12_000 });
    service = await bookableService(t, supplier);
    consultedService = await bookableService(t, supplier, { requiresConsultation: true });
    buyerOrg = await newOrganization(t, '서천군청');
    manager = await signUp(t, '김매니저');
    staff = await signUp(t, '이직원');
    await addMember(t, buyerOrg.organizationId, buyerOrg.owner.token, manager, 'MANAGER');
    await addMember(t, buyerOrg.organizationId, buyerOrg.owner.token, staff, 'STAFF');
  });
  afterAll(() => t.close());

  const onBehalfOf = (overrides: Record<string, unknown> = {}) => ({
    organizationId: buyerOrg.organizationId,
    purchaseOrderNumber: '품의-2026-0042',
    taxInvoice: RECIPIENT,
    ...overrides,
  });
  const checkoutFor = async (who: User, input: Record<string, unknown>) => {
    await t.ok(SET_CART_LINE, { listingId: rice, quantity: 1 }, who.token);
    return checkout(t, who.token, input);
  };

  it('a MANAGER checks out for the organization: checkout and orders carry it, the buyer side is copied, the payment method recorded', async () => {
    const res = await checkoutFor(manager, { onBehalfOf: onBehalfOf() });
    expect(res.errors).toBeUndefined();
    const id = res.data!.checkout.id;
    const { checkout: bought } = await t.ok(CHECKOUT_B2B, { id }, manager.token);
    const b2b = { buyerOrganization: { id: buyerOrg.organizationId }, purchaseOrderNumber: '품의-2026-0042' };
    expect(bought).toMatchObject({ ...b2b, orders: [expect.objectContaining(b2b)], payment: { method: null } });
    const [row] = await t.app.get(DataSource).query(`SELECT b2b_buyer FROM commerce_order WHERE checkout_id = $1`, [id]);
    expect(row.b2b_buyer).toEqual({
      organizationName: '서천군청',
      businessRegistrationNumber: expect.stringMatching(/^\d{10}$/),
      representativeName: expect.any(String),
      address: null,
      ...RECIPIENT,
    });
    const paid = await t.ok(PAY_CHECKOUT, { input: { id, paymentKey: `sim_transfer_${id}` } }, manager.token);
    expect(paid.payCheckout).toMatchObject({ status: 'PAID', payment: { method: 'TRANSFER' } });
  });

  it('the idempotency key covers onBehalfOf: the same key for another purchase order is IDEMPOTENCY_KEY_REUSED', async () => {
    const idempotencyKey = `b2b-key-${keys++}`;
    const first = await checkoutFor(manager, { idempotencyKey, onBehalfOf: onBehalfOf() });
    const again = await checkout(t, manager.token, { idempotencyKey, onBehalfOf: onBehalfOf() });
    expect(again.data?.checkout.id).toBe(first.data!.checkout.id);
    const other = await checkout(t, manager.token, { idempotencyKey, onBehalfOf: onBehalfOf({ purchaseOrderNumber: '품의-2026-0043' }) });
    expect(codeOf(other)).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('a personal checkout has no buyer organization', async () => {
    const res = await checkoutFor(manager, {});
    const { checkout: bought } = await t.ok(CHECKOUT_B2B, { id: res.data!.checkout.id }, manager.token);
    expect(bought).toMatchObject({ buyerOrganization: null, purchaseOrderNumber: null, orders: [{ buyerOrganization: null, purchaseOrderNumber: null }] });
  });

  it('STAFF is FORBIDDEN, a non-member NOT_FOUND, the supplier’s own organization and a long purchase-order number BAD_USER_INPUT; nothing is created', async () => {
    const before = Number((await t.app.get(DataSource).query(`SELECT count(*) FROM checkout`))[0].count);
    expect(codeOf(await checkoutFor(staff, { onBehalfOf: onBehalfOf() }))).toBe('FORBIDDEN');
    expect(codeOf(await checkoutFor(await signUp(t), { onBehalfOf: onBehalfOf() }))).toBe('NOT_FOUND');
    // A cart filled before its owner joined the supplier's organization as MANAGER.
    const joiner = await signUp(t);
    await t.ok(SET_CART_LINE, { listingId: rice, quantity: 1 }, joiner.token);
    await addMember(t, supplier.organizationId, supplier.owner.token, joiner, 'MANAGER');
    const own = await checkout(t, joiner.token, { onBehalfOf: onBehalfOf({ organizationId: supplier.organizationId }) });
    expect(own.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'input.onBehalfOf.organizationId', message: expect.any(String) }],
    });
    const long = await checkoutFor(manager, { onBehalfOf: onBehalfOf({ purchaseOrderNumber: 'P'.repeat(51) }) });
    expect(long.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(long.errors?.[0].extensions.fields?.map((f) => f.field)).toContain('input.onBehalfOf.purchaseOrderNumber');
    const fifty = await checkoutFor(manager, { onBehalfOf: onBehalfOf({ purchaseOrderNumber: 'P'.repeat(50) }) });
    expect(fifty.errors).toBeUndefined();
    expect(Number((await t.app.get(DataSource).query(`SELECT count(*) FROM checkout`))[0].count)).toBe(before + 1);
  });

  it('the organization’s members (STAFF too) and operators read its checkouts and orders; others do not', async () => {
    const res = await checkoutFor(manager, { onBehalfOf: onBehalfOf({ purchaseOrderNumber: 'LIST-1' }) });
    const id = res.data!.checkout.id;
    const orderId = (await t.ok(CHECKOUT_B2B, { id }, manager.token)).checkout.orders[0].id;
    await checkoutFor(staff, {});
    const listed = (token: string) => t.ok(ORGANIZATION_CHECKOUTS, { org: buyerOrg.organizationId }, token);
    const seenByStaff = (await listed(staff.token)).organizationCheckouts;
    expect(seenByStaff.nodes.map((node: { id: string }) => node.id)).toContain(id);
    expect(seenByStaff.nodes.every((node: { buyerOrganization: { id: string } }) => node.buyerOrganization.id === buyerOrg.organizationId)).toBe(true);
    expect((await listed(operator)).organizationCheckouts.totalCount).toBe(seenByStaff.totalCount);
    expect((await t.ok(CHECKOUT_B2B, { id }, staff.token)).checkout.id).toBe(id);
    expect((await t.ok(ORDER_B2B, { id: orderId }, staff.token)).order).toMatchObject({ id: orderId, checkout: { id } });

    const outsider = await signUp(t);
    expect(codeOf(await t.gql(ORGANIZATION_CHECKOUTS, { org: buyerOrg.organizationId }, outsider.token))).toBe('NOT_FOUND');
    expect(codeOf(await t.gql(CHECKOUT_B2B, { id }, outsider.token))).toBe('NOT_FOUND');
    expect(codeOf(await t.gql(ORDER_B2B, { id: orderId }, outsider.token))).toBe('NOT_FOUND');
    // The supplier's members never see the checkout (it would show other agencies' orders).
    const supplierStaff = await agencyMember(t, supplier, 'STAFF');
    expect(codeOf(await t.gql(CHECKOUT_B2B, { id }, supplierStaff.token))).toBe('NOT_FOUND');
  });

  it('reserve and requestConsultation take onBehalfOf; the reservation from an accepted offer carries the consultation’s', async () => {
    const b2b = { buyerOrganization: { id: buyerOrg.organizationId }, purchaseOrderNumber: '품의-2026-0042' };
    const reserved = await t.gql(
      RESERVE,
      { input: { listingId: service, startsAt: seoulAt(t, 3, 10), idempotencyKey: `r-${keys++}`, onBehalfOf: onBehalfOf() } },
      manager.token,
    );
    expect(reserved.data?.reserve).toMatchObject(b2b);
    const refused = await t.gql(
      RESERVE,
      { input: { listingId: service, startsAt: seoulAt(t, 3, 11), idempotencyKey: `r-${keys++}`, onBehalfOf: onBehalfOf() } },
      staff.token,
    );
    expect(codeOf(refused)).toBe('FORBIDDEN');
    const own = await t.gql(
      REQUEST,
      { input: { listingId: consultedService, message: '견적 부탁드립니다', onBehalfOf: onBehalfOf({ organizationId: supplier.organizationId }) } },
      supplier.owner.token,
    );
    expect(own.errors?.[0].extensions.fields).toEqual([{ field: 'input.onBehalfOf.organizationId', message: expect.any(String) }]);

    const consultation = (
      await t.ok(REQUEST, { input: { listingId: consultedService, message: '견적 부탁드립니다', onBehalfOf: onBehalfOf() } }, manager.token)
    ).requestConsultation;
    expect(consultation).toMatchObject(b2b);
    const startsAt = seoulAt(t, 4, 10);
    const offer = (
      await t.ok(OFFER, { input: { consultationId: consultation.id, price: 80_000, startsAt, endsAt: hoursAfter(startsAt, 1) } }, supplier.owner.token)
    ).sendOffer;
    const accepted = (await t.ok(ACCEPT, { offerId: offer.id, key: `a-${keys++}` }, manager.token)).acceptOffer;
    expect(accepted).toMatchObject(b2b);
  });
});
