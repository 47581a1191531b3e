import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { buildSchema } from 'graphql';
import { DateTime } from 'luxon';
import { ReservationCreator, ReservationPayments, ReservationTransitions } from '../../libs/booking/src/index.js';
import { ClockService, CompiledExecution, RequestContext, TransactionalConnection, addDays } from '../../libs/common/src/index.js';
import { SettlementStatement, SettlementStatus, TaxInvoice, TaxInvoiceStatus } from '../../libs/settlement/src/index.js';
import { CREATE_LISTING, UPDATE_LISTING, activePartnerAgency, agencyMember, publishedListing, serviceListingInput, type Agency } from '../support/catalog.js';
import { APPLY, applicationInput, newOrganization, viewAgency } from '../support/membership.js';
import { application, becomeMarketCreator, scheduledPayout } from '../support/affiliate.js';
import { billingMethod, subscriptionListing } from '../support/subscriptions.js';
import { addImage, pngWithExif, putToServer, requestUpload } from '../support/media.js';
import { OPERATOR_ENV, addMember, createTestApp, logInOperator, newBusinessRegistrationNumber, signUp, type TestApp } from '../support/test-app.js';

/**
 * Every query and mutation × every kind of caller, with the outcome each must get (docs/RULES.md §11). One table:
 * an operation in the schema without a row fails the test, so nothing new ships unexamined.
 */
const ROLES = ['anonymous', 'buyer', 'otherBuyer', 'agencyStaff', 'agencyOwner', 'marketCreator', 'operator'] as const;
type Role = (typeof ROLES)[number];
type Outcome = 'ok' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND';
type Expectations = Record<Role, Outcome>;

interface Fixtures {
  t: TestApp;
  tokens: Record<Role, string | undefined>;
  operator: string;
  agency: Agency;
  listingId: string;
  buyerId: string;
  buyerEmail: string;
  /** The 'marketCreator' caller's market creator, with the listing in its market and a link to it. */
  marketCreator: { id: string; handle: string; linkCode: string };
}

interface Row {
  document: string;
  /** Built per call, so a call that changes something gets its own fresh objects. */
  variables?: (fx: Fixtures, role: Role) => Promise<Record<string, unknown>> | Record<string, unknown>;
  expect: Expectations;
}

const all = (outcome: Outcome): Expectations => Object.fromEntries(ROLES.map((role) => [role, outcome])) as Expectations;
const PUBLIC = all('ok');
const SIGNED_IN: Expectations = { ...all('ok'), anonymous: 'UNAUTHENTICATED' };
const OPERATOR_ONLY: Expectations = { ...all('FORBIDDEN'), anonymous: 'UNAUTHENTICATED', operator: 'ok' };
/** What only a market creator does; signed-in users without one are refused. */
const MARKET_CREATOR_ONLY: Expectations = { ...all('FORBIDDEN'), anonymous: 'UNAUTHENTICATED', marketCreator: 'ok' };
/** Acting for the agency: OWNER/MANAGER only; staff may read but not act; outsiders do not learn it exists. */
const AGENCY_ACTS = (operator: Outcome): Expectations => ({
  ...all('NOT_FOUND'),
  anonymous: 'UNAUTHENTICATED',
  agencyStaff: 'FORBIDDEN',
  agencyOwner: 'ok',
  operator,
});

/** A fresh ACTIVE agency, for calls that change it. */
function freshAgencyFor(fx: Fixtures): Promise<Agency> {
  return activePartnerAgency(fx.t, fx.operator, { name: '마을부엌 협동조합' });
}

/** The caller's token for calls on a fresh agency: its own owner acts as 'agencyOwner', staff is added. */
async function actorOn(fx: Fixtures, agency: Agency, role: Role): Promise<string | undefined> {
  if (role === 'agencyOwner') return agency.owner.token;
  if (role === 'agencyStaff') return (await agencyMember(fx.t, agency, 'STAFF')).token;
  return fx.tokens[role];
}

/** A fresh ACTIVE market creator (its own new user), for calls that change it. */
async function freshMarketCreator(fx: Fixtures, overrides: Record<string, unknown> = {}): Promise<string> {
  return (await becomeMarketCreator(fx.t, (await signUp(fx.t)).token, overrides)).id;
}

async function freshListing(fx: Fixtures, publish: boolean): Promise<string> {
  if (publish) return publishedListing(fx.t, fx.agency);
  const created = await fx.t.ok(CREATE_LISTING, { input: serviceListingInput(fx.agency.id) }, fx.agency.owner.token);
  return created.createListing.id;
}

/** Reading a consultation or reservation: its buyer, the agency's members and operators; nobody else learns it exists. */
const BOOKING_READ: Expectations = { ...all('NOT_FOUND'), anonymous: 'UNAUTHENTICATED', buyer: 'ok', agencyStaff: 'ok', agencyOwner: 'ok', operator: 'ok' };
/** One side acts on a booking (operators too, where told); those who may read it but may not act are FORBIDDEN. */
const BOOKING_SIDE_ACTS = (sides: { buyer: boolean; agency: boolean; operator?: boolean }): Expectations => ({
  ...BOOKING_READ,
  buyer: sides.buyer ? 'ok' : 'FORBIDDEN',
  agencyOwner: sides.agency ? 'ok' : 'FORBIDDEN',
  agencyStaff: 'FORBIDDEN',
  operator: sides.operator ? 'ok' : 'FORBIDDEN',
});
/** An agency's own lists: its members and operators. */
const AGENCY_READS: Expectations = { ...all('NOT_FOUND'), anonymous: 'UNAUTHENTICATED', agencyStaff: 'ok', agencyOwner: 'ok', operator: 'ok' };
/** Booking a listing: anyone signed in but the listing's own agency. */
const BOOKS: Expectations = { ...SIGNED_IN, agencyStaff: 'FORBIDDEN', agencyOwner: 'FORBIDDEN' };

const RESERVE = `mutation($input: ReserveInput!) { reserve(input: $input) { id } }`;
let bookable: Promise<string> | undefined;
/** A listing with 100 seats per slot, open 09:00–18:00 every day, made once. */
function bookableListing(fx: Fixtures): Promise<string> {
  bookable ??= (async () => {
    const id = await publishedListing(fx.t, fx.agency, { service: { ...serviceListingInput('').service, capacityPerSlot: 100 } });
    const weeklyHours = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'].map((weekday) => ({
      weekday,
      opensAt: '09:00',
      closesAt: '18:00',
    }));
    await fx.t.ok(
      `mutation($id: ID!, $input: AvailabilityInput!) { setAvailability(listingId: $id, input: $input) { timezone } }`,
      { id, input: { weeklyHours } },
      fx.agency.owner.token,
    );
    return id;
  })();
  return bookable;
}
const slotTwoDaysAhead = () => DateTime.now().setZone('Asia/Seoul').startOf('day').plus({ days: 2 }).set({ hour: 10 }).toUTC().toISO()!;

async function buyersReservation(fx: Fixtures): Promise<string> {
  const input = { listingId: await bookableListing(fx), startsAt: slotTwoDaysAhead(), idempotencyKey: randomUUID() };
  return (await fx.t.ok(RESERVE, { input }, fx.tokens.buyer)).reserve.id;
}

async function buyersConsultation(fx: Fixtures): Promise<string> {
  const input = { listingId: fx.listingId, message: '상담 부탁드립니다' };
  return (await fx.t.ok(`mutation($input: RequestConsultationInput!) { requestConsultation(input: $input) { id } }`, { input }, fx.tokens.buyer))
    .requestConsultation.id;
}

let offers = 0;
/** An offer on a new consultation of the buyer's, each at its own future hour (the listing has one seat). */
async function offerToBuyer(fx: Fixtures): Promise<string> {
  const startsAt = new Date(Date.now() + (72 + 2 * offers++) * 3600_000);
  const input = { consultationId: await buyersConsultation(fx), price: 40_000, startsAt, endsAt: new Date(startsAt.getTime() + 3600_000) };
  return (await fx.t.ok(`mutation($input: SendOfferInput!) { sendOffer(input: $input) { id } }`, { input }, fx.agency.owner.token)).sendOffer.id;
}

/** A paid reservation of the buyer's that ended an hour ago: made below the API, which only books future slots. */
function endedReservation(fx: Fixtures): Promise<string> {
  const ctx = RequestContext.system();
  const app = fx.t.app;
  return app.get(TransactionalConnection).withTransaction(ctx, async () => {
    const endsAt = new Date(app.get(ClockService).now().getTime() - 3600_000);
    const listing = { id: fx.listingId, partnerAgencyId: fx.agency.id, title: '어르신 방문 돌봄', capacityPerSlot: 1000 };
    const reservation = await app
      .get(ReservationCreator)
      .create(ctx, randomUUID(), { listing, buyerId: fx.buyerId, startsAt: new Date(endsAt.getTime() - 3600_000), endsAt, amount: 30_000 });
    await app.get(ReservationPayments).pay(ctx, await app.get(ReservationTransitions).lock(ctx, reservation.id), `pk_${reservation.id}`);
    return reservation.id;
  });
}

/** Answering an invitation: only the invitee (here the buyer's address); nobody else learns it exists. */
const INVITEE_ANSWERS: Expectations = { ...all('NOT_FOUND'), anonymous: 'UNAUTHENTICATED', buyer: 'ok' };

/** A new organization's invitation to the buyer's address. */
async function invitationToBuyer(fx: Fixtures): Promise<{ id: string }> {
  const { owner, organizationId } = await newOrganization(fx.t);
  const invited = await fx.t.ok(
    `mutation($org: ID!, $email: String!) { addOrganizationMember(organizationId: $org, email: $email, role: STAFF) { invitation { id } } }`,
    { org: organizationId, email: fx.buyerEmail },
    owner.token,
  );
  return { id: invited.addOrganizationMember.invitation.id };
}

const REGISTER_BILLING_METHOD = `mutation($authKey: String!) { registerBillingMethod(authKey: $authKey) { id } }`;
const SUBMIT_CERTIFICATION = `mutation($input: SubmitCertificationInput!) { submitCertification(input: $input) { id } }`;
const certificationInput = (organizationId: string) => ({ organizationId, kind: 'COOPERATIVE', certificateNumber: '협동조합-2024-1', issuedOn: '2024-01-02' });

const SET_CART_LINE = `mutation($listingId: ID!, $quantity: Int!) { setCartLine(listingId: $listingId, quantity: $quantity) { price { total } } }`;
const CHECKOUT = `mutation($input: CheckoutInput!) { checkout(input: $input) { id } }`;
const SHIPPING_ADDRESS = { recipientName: '김구매', phone: '01012345678', postalCode: '04524', address1: '서울 중구 세종대로 110' };
let otherAgencysGoods: Promise<string> | undefined;
/** GOODS of another agency than fx.agency, made once: everyone signed in may buy it. */
function goodsOfAnotherAgency(fx: Fixtures): Promise<string> {
  otherAgencysGoods ??= (async () => {
    const seller = await freshAgencyFor(fx);
    const goods = { kind: 'GOODS', category: null, service: null, goods: { stock: 100_000, shippingFee: 3000 } };
    return publishedListing(fx.t, seller, goods);
  })();
  return otherAgencysGoods;
}

/** A PENDING_PAYMENT checkout of `token`'s cart holding one unit of `listingId`. */
async function checkoutOf(fx: Fixtures, token: string, listingId: string): Promise<string> {
  await fx.t.ok(SET_CART_LINE, { listingId, quantity: 1 }, token);
  return (await fx.t.ok(CHECKOUT, { input: { shippingAddress: SHIPPING_ADDRESS, idempotencyKey: randomUUID() } }, token)).checkout.id;
}

/** A PAID order of fx.agency's goods, bought by the 'buyer' caller. */
async function buyersPaidOrder(fx: Fixtures): Promise<string> {
  const goods = { kind: 'GOODS', category: null, service: null, goods: { stock: 100, shippingFee: 3000 } };
  const checkoutId = await checkoutOf(fx, fx.tokens.buyer!, await publishedListing(fx.t, fx.agency, goods));
  const paid = await fx.t.ok(
    `mutation($input: PayInput!) { payCheckout(input: $input) { orders { id } } }`,
    { input: { id: checkoutId, paymentKey: `pk_${checkoutId}` } },
    fx.tokens.buyer,
  );
  return paid.payCheckout.orders[0].id;
}

let box: Promise<string> | undefined;
/** A published weekly box of fx.agency, made once. */
function boxListing(fx: Fixtures): Promise<string> {
  box ??= subscriptionListing(fx.t, fx.agency);
  return box;
}

function billingMethodOf(fx: Fixtures, token: string): Promise<string> {
  return billingMethod(fx.t, token);
}

/** A fresh paid subscription of fx's buyer to fx.agency's box. */
async function buyersSubscription(fx: Fixtures): Promise<{ id: string; buyerToken: string }> {
  const buyerToken = fx.tokens.buyer!;
  const input = {
    listingId: await boxListing(fx),
    billingMethodId: await billingMethodOf(fx, buyerToken),
    shippingAddress: SHIPPING_ADDRESS,
    idempotencyKey: randomUUID(),
  };
  return { id: (await fx.t.ok(`mutation($input: SubscribeInput!) { subscribe(input: $input) { id } }`, { input }, buyerToken)).subscribe.id, buyerToken };
}

/** A fresh subscription of fx's buyer, PAUSED for ten days. */
async function buyersPausedSubscription(fx: Fixtures): Promise<string> {
  const { id, buyerToken } = await buyersSubscription(fx);
  const resumeOn = addDays(fx.t.app.get(ClockService).today(), 10);
  await fx.t.ok(`mutation($id: ID!, $resumeOn: Date!) { pauseSubscription(subscriptionId: $id, resumeOn: $resumeOn) { id } }`, { id, resumeOn }, buyerToken);
  return id;
}

let boxPrice = 100_000;
/** A fresh subscription of fx's buyer with a price increase waiting for consent (the box's price raised again). */
async function buyersSubscriptionWithPriceIncrease(fx: Fixtures): Promise<string> {
  const { id } = await buyersSubscription(fx);
  boxPrice += 1_000;
  await fx.t.ok(UPDATE_LISTING, { id: await boxListing(fx), input: { price: boxPrice } }, fx.agency.owner.token);
  return id;
}

/** The first open delivery of a fresh subscription of fx's buyer. */
async function buyersOpenDelivery(fx: Fixtures): Promise<{ id: string; shipDate: string }> {
  const { id, buyerToken } = await buyersSubscription(fx);
  const read = await fx.t.ok(`query($id: ID!) { boxSubscription(id: $id) { upcomingDeliveries(count: 1) { shipDate } } }`, { id }, buyerToken);
  return { id, shipDate: read.boxSubscription.upcomingDeliveries[0].shipDate };
}

const SHIP_ORDER = `mutation($input: ShipOrderInput!) { shipOrder(input: $input) { shipments { id } } }`;
/** A parcel of a fresh paid order of fx.agency, registered by its owner; its id. */
async function buyersParcel(fx: Fixtures, carrier: 'DIRECT' | 'HANJIN'): Promise<string> {
  const trackingNumber = carrier === 'HANJIN' ? String(100_000_000_000 + Math.floor(Math.random() * 899_999_999_999)) : null;
  const shipped = await fx.t.ok(SHIP_ORDER, { input: { orderId: await buyersPaidOrder(fx), carrier, trackingNumber } }, fx.agency.owner.token);
  return shipped.shipOrder.shipments[0].id;
}
/** A SHIPPED order of the 'buyer' caller. */
async function buyersShippedOrder(fx: Fixtures): Promise<string> {
  const orderId = await buyersPaidOrder(fx);
  await fx.t.ok(SHIP_ORDER, { input: { orderId, carrier: 'DIRECT' } }, fx.agency.owner.token);
  return orderId;
}

const REQUEST_RETURN = `mutation($input: RequestReturnInput!) { requestReturn(input: $input) { id } }`;
/** The request of a return of the single line of a fresh SHIPPED order of the 'buyer' caller. */
async function returnRequestInput(fx: Fixtures): Promise<Record<string, unknown>> {
  const orderId = await buyersShippedOrder(fx);
  const { order } = await fx.t.ok(`query($id: ID!) { order(id: $id) { lines { id } } }`, { id: orderId }, fx.tokens.buyer);
  return { orderId, reason: 'DEFECTIVE', resolution: 'REFUND', lines: [{ orderLineId: order.lines[0].id, quantity: 1 }] };
}
/** A return of the 'buyer' caller, moved by fx.agency's owner to `status`; its id. */
async function buyersReturn(fx: Fixtures, status: 'REQUESTED' | 'ACCEPTED' | 'RECEIVED'): Promise<string> {
  const { id } = (await fx.t.ok(REQUEST_RETURN, { input: await returnRequestInput(fx) }, fx.tokens.buyer)).requestReturn;
  if (status !== 'REQUESTED') await fx.t.ok(`mutation($id: ID!) { acceptReturn(input: { returnRequestId: $id }) { id } }`, { id }, fx.agency.owner.token);
  if (status === 'RECEIVED') await fx.t.ok(`mutation($id: ID!) { markReturnReceived(returnRequestId: $id) { id } }`, { id }, fx.agency.owner.token);
  return id;
}
let statementMonths = 0;
/**
 * A settlement statement of fx.agency in `status`, written directly (generation needs a closed month of sales:
 * test/settlement covers it); each call takes its own month. ISSUED ones are still disputable unless `windowOver`.
 */
async function agencyStatement(fx: Fixtures, status: SettlementStatus, { windowOver = false } = {}): Promise<string> {
  const n = statementMonths++;
  const now = fx.t.app.get(ClockService).now();
  const day = 24 * 3600_000;
  const statement = await fx.t.app
    .get(TransactionalConnection)
    .getRepository(RequestContext.system(), SettlementStatement)
    .save({
      id: randomUUID(),
      partnerAgencyId: fx.agency.id,
      month: `${1990 + Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`,
      status,
      ...{ grossSales: 10_000, returns: 0, agencyDiscounts: 0, salesBase: 10_000, platformDiscounts: 0, platformFee: 0, platformFeeVat: 0 },
      ...{ commissions: 0, shipping: 0, adjustments: 0, carriedOver: 0, netPayable: 10_000 },
      issuedAt: status === SettlementStatus.DRAFT ? null : new Date(now.getTime() - (windowOver ? 8 : 1) * day),
      disputeDeadline: status === SettlementStatus.DRAFT ? null : new Date(now.getTime() + (windowOver ? -1 : 6) * day),
      disputedAt: status === SettlementStatus.DISPUTED ? now : null,
      payableOn: '1990-01-15',
      createdAt: now,
      updatedAt: now,
    });
  return statement.id;
}
/** An ISSUABLE tax invoice of the agency, of a made-up B2B reservation: all taxable, 11,000 won. */
async function agencyTaxInvoice(fx: Fixtures): Promise<string> {
  const now = fx.t.app.get(ClockService).now();
  const party = {
    name: '서천군청',
    businessRegistrationNumber: '1234567890',
    representativeName: '대표',
    address: null,
    email: null,
    businessType: null,
    businessItem: null,
  };
  const invoice = await fx.t.app
    .get(TransactionalConnection)
    .getRepository(RequestContext.system(), TaxInvoice)
    .save({
      id: randomUUID(),
      status: TaxInvoiceStatus.ISSUABLE,
      partnerAgencyId: fx.agency.id,
      buyerOrganizationId: randomUUID(),
      orderId: null,
      reservationId: randomUUID(),
      serviceTaxFree: false,
      supplier: party,
      buyer: party,
      purchaseOrderNumber: null,
      ...{ total: 11_000, taxFreeAmount: 0, vat: 1_000, supplyValue: 10_000 },
      writtenOn: '1990-01-01',
      dueOn: '1990-02-12',
      createdAt: now,
      updatedAt: now,
    });
  return invoice.id;
}
/** Paying needs the agency's payout account: set once by its owner. */
let payoutAccountSet: Promise<unknown> | undefined;
function withPayoutAccount(fx: Fixtures): Promise<unknown> {
  payoutAccountSet ??= fx.t.ok(
    `mutation($id: ID!) { setPartnerAgencyPayoutAccount(partnerAgencyId: $id, input: { bankCode: "004", accountNumber: "123456789012", accountHolder: "대표" }) { id } }`,
    { id: fx.agency.id },
    fx.agency.owner.token,
  );
  return payoutAccountSet;
}
/** docs/RULES.md §19: coupon terms valid for a year from now. */
function couponInput(overrides: Record<string, unknown> = {}) {
  const now = Date.now();
  return {
    code: `AUTH-${randomUUID().slice(0, 8)}`,
    name: '권한 확인 쿠폰',
    discountType: 'FIXED_AMOUNT',
    amount: 100,
    fundedBy: 'PLATFORM',
    scope: 'ALL',
    perUserLimit: 100,
    startsAt: new Date(now - 86_400_000).toISOString(),
    endsAt: new Date(now + 300 * 86_400_000).toISOString(),
    ...overrides,
  };
}
const SAVE_COUPON = `mutation($input: SaveCouponInput!) { saveCoupon(input: $input) { id code } }`;
let platformCoupon: Promise<{ id: string; code: string }> | undefined;
/** A platform coupon for every listing, made once by an operator. */
function platformCouponOf(fx: Fixtures): Promise<{ id: string; code: string }> {
  platformCoupon ??= fx.t.ok(SAVE_COUPON, { input: couponInput() }, fx.operator).then((res) => res.saveCoupon);
  return platformCoupon;
}
let agencyCoupon: Promise<{ id: string }> | undefined;
/** A coupon funded by fx.agency (not in an exhibition: only its members and operators read it). */
function agencyCouponOf(fx: Fixtures): Promise<{ id: string }> {
  agencyCoupon ??= fx.t
    .ok(SAVE_COUPON, { input: couponInput({ fundedBy: 'PARTNER_AGENCY', partnerAgencyId: fx.agency.id }) }, fx.operator)
    .then((res) => res.saveCoupon);
  return agencyCoupon;
}
const SAVE_EXHIBITION = `mutation($input: SaveExhibitionInput!) { saveExhibition(input: $input) { id slug } }`;
/** A fresh DRAFT exhibition (operators), for calls that change it. */
async function draftExhibition(fx: Fixtures): Promise<{ id: string; slug: string }> {
  const now = Date.now();
  const input = {
    slug: `auth-${randomUUID().slice(0, 8)}`,
    title: '권한 확인 기획전',
    startsAt: new Date(now - 86_400_000).toISOString(),
    endsAt: new Date(now + 30 * 86_400_000).toISOString(),
  };
  return (await fx.t.ok(SAVE_EXHIBITION, { input }, fx.operator)).saveExhibition;
}
let publishedExhibition: Promise<{ id: string; slug: string }> | undefined;
function publishedExhibitionOf(fx: Fixtures): Promise<{ id: string; slug: string }> {
  publishedExhibition ??= draftExhibition(fx).then(async (exhibition) => {
    await fx.t.ok(`mutation($id: ID!) { publishExhibition(exhibitionId: $id) { id } }`, { id: exhibition.id }, fx.operator);
    return exhibition;
  });
  return publishedExhibition;
}

const ROWS: Record<string, Row> = {
  // identity
  me: { document: `{ me { id } }`, expect: SIGNED_IN },
  organization: { document: `query($id: ID!) { organization(id: $id) { name } }`, variables: (fx) => ({ id: fx.agency.organizationId }), expect: PUBLIC },
  signUp: {
    document: `mutation($input: SignUpInput!) { signUp(input: $input) { user { id } } }`,
    variables: () => ({ input: { email: `m${Math.random().toString(36).slice(2)}@example.com`, password: 'correct horse battery', name: '새 사용자' } }),
    expect: PUBLIC,
  },
  logIn: {
    document: `mutation($input: LogInInput!) { logIn(input: $input) { user { id } } }`,
    variables: (fx) => ({ input: { email: fx.t.config.operatorEmail, password: fx.t.config.operatorPassword } }),
    expect: PUBLIC,
  },
  refreshSession: {
    document: `mutation($token: String!) { refreshSession(refreshToken: $token) { user { id } } }`,
    variables: async (fx) => ({ token: (await signUp(fx.t)).refreshToken }),
    expect: PUBLIC,
  },
  logOut: {
    document: `mutation($token: String!) { logOut(refreshToken: $token) }`,
    variables: async (fx) => ({ token: (await signUp(fx.t)).refreshToken }),
    expect: PUBLIC,
  },
  createOrganization: {
    document: `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`,
    variables: () => ({
      input: { name: '새 협동조합', kind: 'COOPERATIVE', businessRegistrationNumber: newBusinessRegistrationNumber(), representativeName: '대표' },
    }),
    expect: SIGNED_IN,
  },
  addOrganizationMember: {
    document: `mutation($org: ID!, $email: String!) { addOrganizationMember(organizationId: $org, email: $email, role: STAFF) { role } }`,
    variables: async (fx) => ({ org: fx.agency.organizationId, email: (await signUp(fx.t)).email }),
    expect: AGENCY_ACTS('NOT_FOUND'),
  },
  acceptOrganizationInvitation: {
    document: `mutation($id: ID!) { acceptOrganizationInvitation(invitationId: $id) { role } }`,
    variables: (fx) => invitationToBuyer(fx),
    expect: INVITEE_ANSWERS,
  },
  declineOrganizationInvitation: {
    document: `mutation($id: ID!) { declineOrganizationInvitation(invitationId: $id) { status } }`,
    variables: (fx) => invitationToBuyer(fx),
    expect: INVITEE_ANSWERS,
  },
  leaveOrganization: {
    document: `mutation($org: ID!) { leaveOrganization(organizationId: $org) }`,
    // Members leave: one added for the call (an OWNER beside the agency's, who cannot leave alone), so the fixtures stay.
    variables: async (fx, role) => {
      const org = fx.agency.organizationId;
      if (role !== 'agencyStaff' && role !== 'agencyOwner') return { org };
      const member = await signUp(fx.t);
      await addMember(fx.t, org, fx.agency.owner.token, member, role === 'agencyOwner' ? 'OWNER' : 'STAFF');
      return { org, __token: member.token };
    },
    expect: { ...all('NOT_FOUND'), anonymous: 'UNAUTHENTICATED', agencyStaff: 'ok', agencyOwner: 'ok' },
  },
  removeOrganizationMember: {
    document: `mutation($org: ID!, $user: ID!) { removeOrganizationMember(organizationId: $org, userId: $user) { id } }`,
    // A STAFF member added for the call, so the fixtures stay: the owner removes them, other staff may not.
    variables: async (fx) => ({ org: fx.agency.organizationId, user: (await agencyMember(fx.t, fx.agency, 'STAFF')).id }),
    expect: AGENCY_ACTS('NOT_FOUND'),
  },
  advanceTestClock: {
    document: `mutation($to: DateTime!) { advanceTestClock(to: $to) }`,
    variables: () => ({ to: new Date().toISOString() }),
    expect: OPERATOR_ONLY,
  },
  jobs: { document: `{ jobs(status: FAILED, first: 5) { nodes { name attempts lastError } } }`, expect: OPERATOR_ONLY },

  // business calendar
  nonBusinessDays: { document: `{ nonBusinessDays(year: 2026) { date name } }`, expect: PUBLIC },
  setNonBusinessDays: {
    document: `mutation($days: [NonBusinessDayInput!]!) { setNonBusinessDays(year: 2030, days: $days) { date } }`,
    variables: () => ({ days: [{ date: '2030-05-06', name: '임시공휴일' }] }),
    expect: OPERATOR_ONLY,
  },

  // ledger
  ledgerTrialBalance: { document: `{ ledgerTrialBalance { total } }`, expect: OPERATOR_ONLY },
  ledgerAccountBalance: { document: `{ ledgerAccountBalance(kind: PROVIDER_CLEARING) { balance } }`, expect: OPERATOR_ONLY },

  // policies and tiers
  currentPolicies: { document: `{ currentPolicies { id } }`, expect: PUBLIC },
  publishPolicy: {
    document: `mutation($input: PublishPolicyInput!) { publishPolicy(input: $input) { version } }`,
    variables: () => ({ input: { kind: 'MARKET_CREATOR_TERMS', title: '마켓 크리에이터 약관', body: '본문' } }),
    expect: OPERATOR_ONLY,
  },
  membershipTiers: { document: `{ membershipTiers { code } }`, expect: PUBLIC },
  saveMembershipTier: {
    document: `mutation($input: MembershipTierInput!) { saveMembershipTier(input: $input) { code } }`,
    variables: () => ({
      input: {
        code: 'BASIC',
        name: '베이직',
        duesAmount: 10000,
        billingPeriod: 'MONTHLY',
        platformFeeRateBps: 800,
        maxPublishedListings: 10,
        featuredListingSlots: 0,
        benefits: [],
        active: true,
      },
    }),
    expect: OPERATOR_ONLY,
  },

  // partner agencies
  partnerAgency: { document: `query($id: ID!) { partnerAgency(id: $id) { status } }`, variables: (fx) => ({ id: fx.agency.id }), expect: PUBLIC },
  partnerAgencies: { document: `{ partnerAgencies(first: 5) { nodes { id } } }`, expect: PUBLIC },
  applyAsPartnerAgency: {
    document: APPLY,
    variables: async (fx) => ({ input: await applicationInput(fx.t, (await newOrganization(fx.t)).organizationId) }),
    // The organization is someone else's for every caller here: nobody may apply for it.
    expect: { ...all('NOT_FOUND'), anonymous: 'UNAUTHENTICATED' },
  },
  reviewPartnerAgency: {
    document: `mutation($input: ReviewInput!) { reviewPartnerAgency(input: $input) { status } }`,
    variables: async (fx) => {
      const { owner, organizationId } = await newOrganization(fx.t);
      const applied = await fx.t.ok(APPLY, { input: await applicationInput(fx.t, organizationId) }, owner.token);
      return { input: { id: applied.applyAsPartnerAgency.id, decision: 'APPROVE' } };
    },
    expect: OPERATOR_ONLY,
  },
  submitCertification: {
    document: SUBMIT_CERTIFICATION,
    variables: (fx) => ({ input: certificationInput(fx.agency.organizationId) }),
    expect: AGENCY_ACTS('NOT_FOUND'),
  },
  reviewCertification: {
    document: `mutation($input: ReviewInput!) { reviewCertification(input: $input) { status } }`,
    variables: async (fx) => {
      const submitted = await fx.t.ok(SUBMIT_CERTIFICATION, { input: certificationInput(fx.agency.organizationId) }, fx.agency.owner.token);
      return { input: { id: submitted.submitCertification.id, decision: 'APPROVE' } };
    },
    expect: OPERATOR_ONLY,
  },
  pendingCertifications: { document: `{ pendingCertifications(first: 5) { id } }`, expect: OPERATOR_ONLY },
  suspendPartnerAgency: {
    document: `mutation($id: ID!) { suspendPartnerAgency(partnerAgencyId: $id, reason: "점검") { status } }`,
    variables: async (fx) => ({ id: (await freshAgencyFor(fx)).id }),
    expect: OPERATOR_ONLY,
  },
  reinstatePartnerAgency: {
    document: `mutation($id: ID!) { reinstatePartnerAgency(partnerAgencyId: $id) { status } }`,
    variables: async (fx) => {
      const agency = await freshAgencyFor(fx);
      await fx.t.ok(`mutation($id: ID!) { suspendPartnerAgency(partnerAgencyId: $id, reason: "점검") { status } }`, { id: agency.id }, fx.operator);
      return { id: agency.id };
    },
    expect: OPERATOR_ONLY,
  },
  addStrike: {
    document: `mutation($id: ID!) { addStrike(partnerAgencyId: $id, reason: POLICY_VIOLATION, note: "확인") { id } }`,
    variables: (fx) => ({ id: fx.agency.id }),
    expect: OPERATOR_ONLY,
  },
  withdrawPartnerAgency: {
    document: `mutation($id: ID!) { withdrawPartnerAgency(partnerAgencyId: $id, reason: "퇴점") { status } }`,
    variables: async (fx, role) => {
      const agency = await freshAgencyFor(fx);
      return { id: agency.id, __token: await actorOn(fx, agency, role) };
    },
    expect: AGENCY_ACTS('ok'),
  },
  changeMembershipTier: {
    document: `mutation($id: ID!) { changeMembershipTier(partnerAgencyId: $id, tierCode: "BASIC") { id } }`,
    variables: async (fx, role) => {
      const agency = await freshAgencyFor(fx);
      return { id: agency.id, __token: await actorOn(fx, agency, role) };
    },
    expect: AGENCY_ACTS('ok'),
  },
  payDuesInvoice: {
    document: `mutation($input: PayInput!) { payDuesInvoice(input: $input) { status } }`,
    variables: async (fx, role) => {
      const { owner, organizationId } = await newOrganization(fx.t);
      const applied = await fx.t.ok(APPLY, { input: await applicationInput(fx.t, organizationId) }, owner.token);
      const id = applied.applyAsPartnerAgency.id;
      await fx.t.ok(`mutation($input: ReviewInput!) { reviewPartnerAgency(input: $input) { status } }`, { input: { id, decision: 'APPROVE' } }, fx.operator);
      const [invoice] = (await viewAgency(fx.t, id, owner.token)).duesInvoices;
      const agency = { id, organizationId, owner } as Agency;
      return { input: { id: invoice.id, paymentKey: `pk_${invoice.id}` }, __token: await actorOn(fx, agency, role) };
    },
    // Operators see every invoice but pay none: dues are the agency's to pay.
    expect: AGENCY_ACTS('FORBIDDEN'),
  },

  // catalog
  listing: { document: `query($id: ID!) { listing(id: $id) { title } }`, variables: (fx) => ({ id: fx.listingId }), expect: PUBLIC },
  // A status filter narrows what each caller may see (docs/RULES.md §6); it refuses nobody.
  listings: { document: `{ listings(first: 5, filter: { statuses: [PUBLISHED, DRAFT] }) { nodes { id } } }`, expect: PUBLIC },
  availability: { document: `query($id: ID!) { availability(listingId: $id) { timezone } }`, variables: (fx) => ({ id: fx.listingId }), expect: PUBLIC },
  availableSlots: {
    document: `query($id: ID!, $from: DateTime!, $to: DateTime!) { availableSlots(listingId: $id, from: $from, to: $to) { startsAt } }`,
    variables: (fx) => ({ id: fx.listingId, from: new Date().toISOString(), to: new Date(Date.now() + 7 * 86_400_000).toISOString() }),
    expect: PUBLIC,
  },
  createListing: { document: CREATE_LISTING, variables: (fx) => ({ input: serviceListingInput(fx.agency.id) }), expect: AGENCY_ACTS('FORBIDDEN') },
  updateListing: {
    document: `mutation($id: ID!) { updateListing(id: $id, input: { title: "새 제목" }) { title } }`,
    variables: (fx) => ({ id: fx.listingId }),
    expect: AGENCY_ACTS('FORBIDDEN'),
  },
  publishListing: {
    document: `mutation($id: ID!) { publishListing(id: $id) { status } }`,
    variables: async (fx) => ({ id: await freshListing(fx, false) }),
    expect: AGENCY_ACTS('FORBIDDEN'),
  },
  hideListing: {
    document: `mutation($id: ID!) { hideListing(id: $id) { status } }`,
    variables: async (fx) => ({ id: await freshListing(fx, true) }),
    expect: AGENCY_ACTS('FORBIDDEN'),
  },
  archiveListing: {
    document: `mutation($id: ID!, $reason: String) { archiveListing(id: $id, reason: $reason) { status } }`,
    // Even with a reason, operators are FORBIDDEN: they take listings down with takeDownListing (docs/RULES.md §6).
    variables: async (fx) => ({ id: await freshListing(fx, false), reason: '운영 정책 위반' }),
    expect: AGENCY_ACTS('FORBIDDEN'),
  },
  takeDownListing: {
    document: `mutation($id: ID!) { takeDownListing(id: $id, reason: "운영 정책 위반") { status } }`,
    variables: async (fx) => ({ id: await freshListing(fx, true) }),
    expect: OPERATOR_ONLY,
  },
  setAvailability: {
    document: `mutation($id: ID!) { setAvailability(listingId: $id, input: { weeklyHours: [{ weekday: MONDAY, opensAt: "09:00", closesAt: "18:00" }] }) { timezone } }`,
    variables: (fx) => ({ id: fx.listingId }),
    expect: AGENCY_ACTS('FORBIDDEN'),
  },

  // media
  requestListingImageUpload: {
    document: `mutation($input: RequestListingImageUploadInput!) { requestListingImageUpload(input: $input) { uploadId } }`,
    variables: async (fx) => ({ input: { listingId: await freshListing(fx, true), contentType: 'image/png', byteSize: 1000 } }),
    expect: AGENCY_ACTS('FORBIDDEN'),
  },
  attachListingImage: {
    document: `mutation($input: AttachListingImageInput!) { attachListingImage(input: $input) { id } }`,
    variables: async (fx) => {
      const png = await pngWithExif('matrix', 16, 16);
      const ticket = await requestUpload(fx.t, fx.agency.owner.token, await freshListing(fx, true), png);
      await putToServer(fx.t, ticket.url, png, 'image/png');
      return { input: { uploadId: ticket.uploadId, altText: '사진' } };
    },
    expect: AGENCY_ACTS('FORBIDDEN'),
  },
  removeListingImage: {
    document: `mutation($id: ID!) { removeListingImage(imageId: $id) { id } }`,
    variables: async (fx) => ({ id: (await addImage(fx.t, fx.agency.owner.token, await freshListing(fx, true), await pngWithExif('matrix', 16, 16))).id }),
    expect: AGENCY_ACTS('FORBIDDEN'),
  },
  reorderListingImages: {
    document: `mutation($id: ID!) { reorderListingImages(listingId: $id, imageIds: []) { id } }`,
    variables: async (fx) => ({ id: await freshListing(fx, true) }),
    expect: AGENCY_ACTS('FORBIDDEN'),
  },

  // booking
  consultation: {
    document: `query($id: ID!) { consultation(id: $id) { status } }`,
    variables: async (fx) => ({ id: await buyersConsultation(fx) }),
    expect: BOOKING_READ,
  },
  myConsultations: { document: `{ myConsultations(first: 5) { totalCount } }`, expect: SIGNED_IN },
  partnerAgencyConsultations: {
    document: `query($id: ID!) { partnerAgencyConsultations(partnerAgencyId: $id) { totalCount } }`,
    variables: (fx) => ({ id: fx.agency.id }),
    expect: AGENCY_READS,
  },
  requestConsultation: {
    document: `mutation($input: RequestConsultationInput!) { requestConsultation(input: $input) { id } }`,
    variables: (fx) => ({ input: { listingId: fx.listingId, message: '문의합니다' } }),
    expect: BOOKS,
  },
  postConsultationMessage: {
    document: `mutation($id: ID!) { postConsultationMessage(consultationId: $id, body: "안녕하세요") { id } }`,
    variables: async (fx) => ({ id: await buyersConsultation(fx) }),
    expect: BOOKING_SIDE_ACTS({ buyer: true, agency: true }),
  },
  sendOffer: {
    document: `mutation($input: SendOfferInput!) { sendOffer(input: $input) { id } }`,
    variables: async (fx) => {
      const startsAt = new Date(Date.now() + 30 * 86_400_000);
      return { input: { consultationId: await buyersConsultation(fx), price: 40_000, startsAt, endsAt: new Date(startsAt.getTime() + 3600_000) } };
    },
    expect: BOOKING_SIDE_ACTS({ buyer: false, agency: true }),
  },
  declineConsultation: {
    document: `mutation($id: ID!) { declineConsultation(consultationId: $id, reason: "일정이 맞지 않아요") { status } }`,
    variables: async (fx) => ({ id: await buyersConsultation(fx) }),
    expect: BOOKING_SIDE_ACTS({ buyer: true, agency: true }),
  },
  acceptOffer: {
    document: `mutation($id: ID!, $key: String!) { acceptOffer(offerId: $id, idempotencyKey: $key) { id } }`,
    variables: async (fx) => ({ id: await offerToBuyer(fx), key: randomUUID() }),
    expect: BOOKING_SIDE_ACTS({ buyer: true, agency: false }),
  },
  reservation: {
    document: `query($id: ID!) { reservation(id: $id) { status } }`,
    variables: async (fx) => ({ id: await buyersReservation(fx) }),
    expect: BOOKING_READ,
  },
  myReservations: { document: `{ myReservations(first: 5) { totalCount } }`, expect: SIGNED_IN },
  partnerAgencyReservations: {
    document: `query($id: ID!) { partnerAgencyReservations(partnerAgencyId: $id) { totalCount } }`,
    variables: (fx) => ({ id: fx.agency.id }),
    expect: AGENCY_READS,
  },
  reserve: {
    document: RESERVE,
    variables: async (fx) => ({ input: { listingId: await bookableListing(fx), startsAt: slotTwoDaysAhead(), idempotencyKey: randomUUID() } }),
    expect: BOOKS,
  },
  payReservation: {
    document: `mutation($input: PayInput!) { payReservation(input: $input) { status } }`,
    variables: async (fx) => ({ input: { id: await buyersReservation(fx), paymentKey: `pk_${randomUUID()}` } }),
    expect: BOOKING_SIDE_ACTS({ buyer: true, agency: false }),
  },
  cancelReservation: {
    document: `mutation($input: CancelReservationInput!) { cancelReservation(input: $input) { status } }`,
    variables: async (fx) => ({ input: { reservationId: await buyersReservation(fx), reason: '사정이 생겼어요' } }),
    expect: BOOKING_SIDE_ACTS({ buyer: true, agency: true, operator: true }),
  },
  completeReservation: {
    document: `mutation($id: ID!) { completeReservation(reservationId: $id) { status } }`,
    variables: async (fx) => ({ id: await endedReservation(fx) }),
    expect: BOOKING_SIDE_ACTS({ buyer: false, agency: true, operator: true }),
  },
  markNoShow: {
    document: `mutation($id: ID!) { markNoShow(reservationId: $id) { status } }`,
    variables: async (fx) => ({ id: await endedReservation(fx) }),
    expect: BOOKING_SIDE_ACTS({ buyer: false, agency: true, operator: true }),
  },
  reviewReservation: {
    document: `mutation($input: ReviewReservationInput!) { reviewReservation(input: $input) { rating } }`,
    variables: async (fx) => {
      const id = await endedReservation(fx);
      await fx.t.ok(`mutation($id: ID!) { completeReservation(reservationId: $id) { status } }`, { id }, fx.agency.owner.token);
      return { input: { reservationId: id, rating: 5 } };
    },
    expect: BOOKING_SIDE_ACTS({ buyer: true, agency: false }),
  },

  // market creators
  market: {
    document: `query($handle: String!) { market(handle: $handle) { marketCreator { id } } }`,
    variables: (fx) => ({ handle: fx.marketCreator.handle }),
    expect: PUBLIC,
  },
  marketCreator: { document: `query($id: ID!) { marketCreator(id: $id) { handle } }`, variables: (fx) => ({ id: fx.marketCreator.id }), expect: PUBLIC },
  applyAsMarketCreator: {
    document: `mutation($input: MarketCreatorApplicationInput!) { applyAsMarketCreator(input: $input) { id } }`,
    // For an organization that is someone else's, for every caller here.
    variables: async (fx) => ({ input: await application(fx.t, { kind: 'CORPORATE', organizationId: (await newOrganization(fx.t)).organizationId }) }),
    expect: { ...all('NOT_FOUND'), anonymous: 'UNAUTHENTICATED' },
  },
  pendingMarketCreators: { document: `{ pendingMarketCreators(first: 5) { id } }`, expect: OPERATOR_ONLY },
  reviewMarketCreator: {
    document: `mutation($input: ReviewInput!) { reviewMarketCreator(input: $input) { status } }`,
    variables: async (fx) => ({ input: { id: await freshMarketCreator(fx, { kind: 'CELEBRITY' }), decision: 'APPROVE' } }),
    expect: OPERATOR_ONLY,
  },
  suspendMarketCreator: {
    document: `mutation($id: ID!) { suspendMarketCreator(marketCreatorId: $id, reason: "점검") { status } }`,
    variables: async (fx) => ({ id: await freshMarketCreator(fx) }),
    expect: OPERATOR_ONLY,
  },
  reinstateMarketCreator: {
    document: `mutation($id: ID!) { reinstateMarketCreator(marketCreatorId: $id) { status } }`,
    variables: async (fx) => {
      const id = await freshMarketCreator(fx);
      await fx.t.ok(`mutation($id: ID!) { suspendMarketCreator(marketCreatorId: $id, reason: "점검") { status } }`, { id }, fx.operator);
      return { id };
    },
    expect: OPERATOR_ONLY,
  },
  addToMarket: {
    document: `mutation($id: ID!) { addToMarket(listingId: $id) { id } }`,
    variables: (fx) => ({ id: fx.listingId }),
    expect: MARKET_CREATOR_ONLY,
  },
  removeFromMarket: {
    document: `mutation($id: ID!) { removeFromMarket(listingId: $id) }`,
    variables: async (fx) => ({ id: await freshListing(fx, true) }),
    expect: MARKET_CREATOR_ONLY,
  },
  createReferralLink: {
    document: `mutation($input: CreateReferralLinkInput!) { createReferralLink(input: $input) { code } }`,
    variables: (fx) => ({ input: { listingId: fx.listingId } }),
    expect: MARKET_CREATOR_ONLY,
  },
  trackReferralClick: {
    document: `mutation($code: String!) { trackReferralClick(code: $code) { token } }`,
    variables: (fx) => ({ code: fx.marketCreator.linkCode }),
    expect: PUBLIC,
  },
  runPayouts: {
    document: `mutation($periodEnd: Date!) { runPayouts(periodEnd: $periodEnd) { id } }`,
    variables: () => ({ periodEnd: new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul' }).format(new Date(Date.now() - 86_400_000)) }),
    expect: OPERATOR_ONLY,
  },
  payouts: {
    document: `query($id: ID!) { payouts(filter: { marketCreatorId: $id, status: SCHEDULED }, first: 5) { totalCount nodes { id marketCreator { handle } } } }`,
    variables: (fx) => ({ id: fx.marketCreator.id }),
    expect: OPERATOR_ONLY,
  },
  markPayoutPaid: {
    document: `mutation($id: ID!) { markPayoutPaid(payoutId: $id) { status } }`,
    // The refusals come before the payout is looked at; the operator pays a real one.
    variables: async (fx, role) => ({ id: role === 'operator' ? await scheduledPayout(fx.t, fx.operator, fx.listingId, fx.agency.id) : fx.agency.id }),
    expect: OPERATOR_ONLY,
  },
  // notifications: each signed-in user reads and marks only their own (another's id is NOT_FOUND, tested in test/notifications)
  myNotifications: { document: `{ myNotifications(first: 5, unreadOnly: true) { totalCount } }`, expect: SIGNED_IN },
  unreadNotificationCount: { document: `{ unreadNotificationCount }`, expect: SIGNED_IN },
  notificationPreferences: { document: `{ notificationPreferences { kind channel enabled } }`, expect: SIGNED_IN },
  markNotificationsRead: { document: `mutation { markNotificationsRead(ids: []) { id } }`, expect: SIGNED_IN },
  markAllNotificationsRead: { document: `mutation { markAllNotificationsRead }`, expect: SIGNED_IN },
  setNotificationPreference: {
    document: `mutation { setNotificationPreference(input: { kind: OFFER_SENT, channel: EMAIL, enabled: false }) { enabled } }`,
    expect: SIGNED_IN,
  },

  billingAuthRequest: { document: `{ billingAuthRequest { customerKey } }`, expect: SIGNED_IN },
  myBillingMethods: { document: `{ myBillingMethods { id cardSummary } }`, expect: SIGNED_IN },
  registerBillingMethod: {
    document: REGISTER_BILLING_METHOD,
    variables: () => ({ authKey: `auth_${randomUUID()}` }),
    expect: SIGNED_IN,
  },
  /** Own only (docs/RULES.md §25): operators included, nobody else learns the method exists. */
  removeBillingMethod: {
    document: `mutation($id: ID!) { removeBillingMethod(billingMethodId: $id) }`,
    variables: async (fx) => {
      const { registerBillingMethod } = await fx.t.ok(REGISTER_BILLING_METHOD, { authKey: `auth_${randomUUID()}` }, fx.tokens.buyer);
      return { id: registerBillingMethod.id };
    },
    expect: { ...all('NOT_FOUND'), anonymous: 'UNAUTHENTICATED', buyer: 'ok' },
  },

  myCart: { document: `{ myCart { price { total } } }`, expect: SIGNED_IN },
  setCartLine: {
    document: SET_CART_LINE,
    variables: async (fx) => ({
      listingId: await publishedListing(fx.t, fx.agency, { kind: 'GOODS', category: null, service: null, goods: { stock: 5, shippingFee: 0 } }),
      quantity: 1,
    }),
    expect: BOOKS,
  },
  checkout: {
    document: CHECKOUT,
    variables: async (fx, role) => {
      const listingId = await goodsOfAnotherAgency(fx);
      const token = fx.tokens[role];
      if (token) await fx.t.ok(SET_CART_LINE, { listingId, quantity: 1 }, token);
      return { input: { shippingAddress: SHIPPING_ADDRESS, idempotencyKey: randomUUID() } };
    },
    expect: SIGNED_IN,
  },
  payCheckout: {
    document: `mutation($input: PayInput!) { payCheckout(input: $input) { status } }`,
    variables: async (fx) => ({ input: { id: await checkoutOf(fx, fx.tokens.buyer!, await goodsOfAnotherAgency(fx)), paymentKey: `pk_${randomUUID()}` } }),
    expect: { ...all('NOT_FOUND'), anonymous: 'UNAUTHENTICATED', buyer: 'ok', operator: 'FORBIDDEN' },
  },
  /** `checkout(id)`, the query named like the mutation. */
  'checkout (query)': {
    document: `query($id: ID!) { checkout(id: $id) { status } }`,
    variables: async (fx) => ({ id: await checkoutOf(fx, fx.tokens.buyer!, await goodsOfAnotherAgency(fx)) }),
    expect: { ...all('NOT_FOUND'), anonymous: 'UNAUTHENTICATED', buyer: 'ok', operator: 'ok' },
  },
  organizationCheckouts: {
    document: `query($org: ID!) { organizationCheckouts(organizationId: $org, first: 5) { totalCount } }`,
    variables: (fx) => ({ org: fx.agency.organizationId }),
    expect: { ...all('NOT_FOUND'), anonymous: 'UNAUTHENTICATED', agencyStaff: 'ok', agencyOwner: 'ok', operator: 'ok' },
  },
  myCheckouts: { document: `{ myCheckouts(first: 5) { totalCount } }`, expect: SIGNED_IN },
  priorityPurchaseReport: {
    document: `query($input: PriorityPurchaseReportInput!) { priorityPurchaseReport(input: $input) { total } }`,
    variables: (fx) => ({ input: { buyerOrganizationId: fx.agency.organizationId, from: '2026-01-01', to: '2026-03-31' } }),
    expect: { ...all('NOT_FOUND'), anonymous: 'UNAUTHENTICATED', agencyStaff: 'ok', agencyOwner: 'ok', operator: 'ok' },
  },
  applyCartCoupon: {
    document: `mutation($code: String!) { applyCartCoupon(code: $code) { price { total } } }`,
    variables: async (fx, role) => {
      const token = fx.tokens[role];
      if (token) await fx.t.ok(SET_CART_LINE, { listingId: await goodsOfAnotherAgency(fx), quantity: 1 }, token);
      return { code: (await platformCouponOf(fx)).code };
    },
    expect: SIGNED_IN,
  },
  removeCartCoupon: {
    document: `mutation($code: String!) { removeCartCoupon(code: $code) { price { total } } }`,
    variables: async (fx) => ({ code: (await platformCouponOf(fx)).code }),
    expect: SIGNED_IN,
  },
  /** An agency-funded coupon outside any exhibition: its agency's members and operators (docs/RULES.md §25). */
  coupon: {
    document: `query($id: ID!) { coupon(id: $id) { code } }`,
    variables: async (fx) => ({ id: (await agencyCouponOf(fx)).id }),
    expect: { ...all('NOT_FOUND'), agencyStaff: 'ok', agencyOwner: 'ok', operator: 'ok' },
  },
  coupons: {
    document: `query($id: ID!) { coupons(filter: { partnerAgencyId: $id }) { totalCount } }`,
    variables: (fx) => ({ id: fx.agency.id }),
    expect: AGENCY_READS,
  },
  saveCoupon: {
    document: SAVE_COUPON,
    variables: (fx) => ({ input: couponInput({ fundedBy: 'PARTNER_AGENCY', partnerAgencyId: fx.agency.id }) }),
    expect: AGENCY_ACTS('ok'),
  },
  exhibition: {
    document: `query($slug: String!) { exhibition(slug: $slug) { id } }`,
    variables: async (fx) => ({ slug: (await publishedExhibitionOf(fx)).slug }),
    expect: PUBLIC,
  },
  exhibitions: { document: `{ exhibitions(first: 5) { totalCount } }`, expect: PUBLIC },
  saveExhibition: {
    document: SAVE_EXHIBITION,
    variables: () => ({
      input: { slug: `auth-${randomUUID().slice(0, 8)}`, title: '기획전', startsAt: '2030-01-01T00:00:00Z', endsAt: '2030-02-01T00:00:00Z' },
    }),
    expect: OPERATOR_ONLY,
  },
  setExhibitionListings: {
    document: `mutation($id: ID!) { setExhibitionListings(exhibitionId: $id, listingIds: []) { id } }`,
    variables: async (fx) => ({ id: (await draftExhibition(fx)).id }),
    expect: OPERATOR_ONLY,
  },
  publishExhibition: {
    document: `mutation($id: ID!) { publishExhibition(exhibitionId: $id) { status } }`,
    variables: async (fx) => ({ id: (await draftExhibition(fx)).id }),
    expect: OPERATOR_ONLY,
  },
  archiveExhibition: {
    document: `mutation($id: ID!) { archiveExhibition(exhibitionId: $id) { status } }`,
    variables: async (fx) => ({ id: (await draftExhibition(fx)).id }),
    expect: OPERATOR_ONLY,
  },
  order: { document: `query($id: ID!) { order(id: $id) { status } }`, variables: async (fx) => ({ id: await buyersPaidOrder(fx) }), expect: BOOKING_READ },
  myOrders: { document: `{ myOrders(first: 5) { totalCount } }`, expect: SIGNED_IN },
  partnerAgencyOrders: {
    document: `query($id: ID!) { partnerAgencyOrders(partnerAgencyId: $id) { totalCount } }`,
    variables: (fx) => ({ id: fx.agency.id }),
    expect: AGENCY_READS,
  },
  /** docs/RULES.md §25: the buyer, the agency's members and operators; nobody else learns it exists. */
  boxSubscription: {
    document: `query($id: ID!) { boxSubscription(id: $id) { status } }`,
    variables: async (fx) => ({ id: (await buyersSubscription(fx)).id }),
    expect: BOOKING_READ,
  },
  /** Anyone signed in with a card of their own, except the listing's own agency (docs/RULES.md §20). */
  subscribe: {
    document: `mutation($input: SubscribeInput!) { subscribe(input: $input) { id } }`,
    variables: async (fx, role) => ({
      input: {
        listingId: await boxListing(fx),
        billingMethodId: fx.tokens[role] ? await billingMethodOf(fx, fx.tokens[role]) : randomUUID(),
        shippingAddress: SHIPPING_ADDRESS,
        idempotencyKey: randomUUID(),
      },
    }),
    expect: BOOKS,
  },
  /** The subscriber only: the agency's members and operators read it but never choose its card. */
  changeSubscriptionBillingMethod: {
    document: `mutation($id: ID!, $methodId: ID!) { changeSubscriptionBillingMethod(subscriptionId: $id, billingMethodId: $methodId) { id } }`,
    variables: async (fx) => {
      const { id, buyerToken } = await buyersSubscription(fx);
      return { id, methodId: await billingMethodOf(fx, buyerToken) };
    },
    expect: BOOKING_SIDE_ACTS({ buyer: true, agency: false, operator: false }),
  },
  /** docs/RULES.md §20 buyer controls: the subscriber only; the agency's members and operators read it but never change it. */
  updateSubscription: {
    document: `mutation($id: ID!) { updateSubscription(subscriptionId: $id, input: { quantity: 2 }) { quantity } }`,
    variables: async (fx) => ({ id: (await buyersSubscription(fx)).id }),
    expect: BOOKING_SIDE_ACTS({ buyer: true, agency: false, operator: false }),
  },
  setSubscriptionDeliverySkipped: {
    document: `mutation($id: ID!, $shipDate: Date!) { setSubscriptionDeliverySkipped(subscriptionId: $id, shipDate: $shipDate, skipped: true) { id } }`,
    variables: (fx) => buyersOpenDelivery(fx),
    expect: BOOKING_SIDE_ACTS({ buyer: true, agency: false, operator: false }),
  },
  pauseSubscription: {
    document: `mutation($id: ID!, $resumeOn: Date!) { pauseSubscription(subscriptionId: $id, resumeOn: $resumeOn) { status } }`,
    variables: async (fx) => ({ id: (await buyersSubscription(fx)).id, resumeOn: addDays(fx.t.app.get(ClockService).today(), 10) }),
    expect: BOOKING_SIDE_ACTS({ buyer: true, agency: false, operator: false }),
  },
  resumeSubscription: {
    document: `mutation($id: ID!) { resumeSubscription(subscriptionId: $id) { status } }`,
    variables: async (fx) => ({ id: await buyersPausedSubscription(fx) }),
    expect: BOOKING_SIDE_ACTS({ buyer: true, agency: false, operator: false }),
  },
  acceptSubscriptionPriceChange: {
    document: `mutation($id: ID!) { acceptSubscriptionPriceChange(subscriptionId: $id) { id } }`,
    variables: async (fx) => ({ id: await buyersSubscriptionWithPriceIncrease(fx) }),
    expect: BOOKING_SIDE_ACTS({ buyer: true, agency: false, operator: false }),
  },
  /** The buyer (within the withdrawal days here), the agency's OWNER or MANAGER and operators; staff only read. */
  cancelSubscription: {
    document: `mutation($id: ID!) { cancelSubscription(subscriptionId: $id) { status } }`,
    variables: async (fx) => ({ id: (await buyersSubscription(fx)).id }),
    expect: BOOKING_SIDE_ACTS({ buyer: true, agency: true, operator: true }),
  },
  mySubscriptions: { document: `{ mySubscriptions(first: 5) { totalCount } }`, expect: SIGNED_IN },
  partnerAgencySubscriptions: {
    document: `query($id: ID!) { partnerAgencySubscriptions(partnerAgencyId: $id) { totalCount } }`,
    variables: (fx) => ({ id: fx.agency.id }),
    expect: AGENCY_READS,
  },
  cancelOrder: {
    document: `mutation($input: CancelOrderInput!) { cancelOrder(input: $input) { status } }`,
    variables: async (fx) => ({ input: { orderId: await buyersPaidOrder(fx), reason: '품절' } }),
    expect: BOOKING_SIDE_ACTS({ buyer: true, agency: true, operator: true }),
  },
  shipOrder: {
    document: SHIP_ORDER,
    variables: async (fx) => ({ input: { orderId: await buyersPaidOrder(fx), carrier: 'DIRECT' } }),
    expect: BOOKING_SIDE_ACTS({ buyer: false, agency: true, operator: true }),
  },
  updateShipment: {
    document: `mutation($input: UpdateShipmentInput!) { updateShipment(input: $input) { id } }`,
    variables: async (fx) => ({ input: { shipmentId: await buyersParcel(fx, 'HANJIN'), carrier: 'DIRECT' } }),
    expect: BOOKING_SIDE_ACTS({ buyer: false, agency: true, operator: true }),
  },
  markShipmentDelivered: {
    document: `mutation($id: ID!) { markShipmentDelivered(shipmentId: $id) { deliveredAt } }`,
    variables: async (fx) => ({ id: await buyersParcel(fx, 'DIRECT') }),
    expect: BOOKING_SIDE_ACTS({ buyer: false, agency: true, operator: true }),
  },
  delayDispatch: {
    document: `mutation($input: DelayDispatchInput!) { delayDispatch(input: $input) { dispatchDeadline } }`,
    variables: async (fx) => {
      const orderId = await buyersPaidOrder(fx);
      const { order } = await fx.t.ok(`query($id: ID!) { order(id: $id) { dispatchDeadline } }`, { id: orderId }, fx.tokens.buyer);
      // The last shipping day of the deadline (the KST date before it) is always allowed.
      const lastShippingDay = DateTime.fromISO(order.dispatchDeadline).setZone('Asia/Seoul').minus({ days: 1 }).toISODate();
      return { input: { orderId, newDispatchDate: lastShippingDay, reason: 'RESTOCKING' } };
    },
    expect: BOOKING_SIDE_ACTS({ buyer: false, agency: true, operator: true }),
  },
  confirmOrder: {
    document: `mutation($id: ID!) { confirmOrder(orderId: $id) { status } }`,
    variables: async (fx) => ({ id: await buyersShippedOrder(fx) }),
    expect: BOOKING_SIDE_ACTS({ buyer: true, agency: false }),
  },
  refundOrder: {
    document: `mutation($input: RefundOrderInput!) { refundOrder(input: $input) { refundedAmount } }`,
    variables: async (fx) => {
      const orderId = await buyersShippedOrder(fx);
      await fx.t.ok(`mutation($id: ID!) { confirmOrder(orderId: $id) { status } }`, { id: orderId }, fx.tokens.buyer);
      return { input: { orderId, amount: 1000, reason: '분쟁 조정' } };
    },
    expect: BOOKING_SIDE_ACTS({ buyer: false, agency: false, operator: true }),
  },

  // returns
  partnerAgencyReturns: {
    document: `query($id: ID!) { partnerAgencyReturns(partnerAgencyId: $id, first: 5) { totalCount } }`,
    variables: (fx) => ({ id: fx.agency.id }),
    expect: AGENCY_READS,
  },
  requestReturn: {
    document: REQUEST_RETURN,
    variables: async (fx) => ({ input: await returnRequestInput(fx) }),
    expect: BOOKING_SIDE_ACTS({ buyer: true, agency: false }),
  },
  withdrawReturn: {
    document: `mutation($id: ID!) { withdrawReturn(returnRequestId: $id) { status } }`,
    variables: async (fx) => ({ id: await buyersReturn(fx, 'REQUESTED') }),
    expect: BOOKING_SIDE_ACTS({ buyer: true, agency: false }),
  },
  acceptReturn: {
    document: `mutation($id: ID!) { acceptReturn(input: { returnRequestId: $id }) { status } }`,
    variables: async (fx) => ({ id: await buyersReturn(fx, 'REQUESTED') }),
    expect: BOOKING_SIDE_ACTS({ buyer: false, agency: true, operator: true }),
  },
  rejectReturn: {
    document: `mutation($id: ID!) { rejectReturn(returnRequestId: $id, reason: "정상 제품") { status } }`,
    variables: async (fx) => ({ id: await buyersReturn(fx, 'REQUESTED') }),
    expect: BOOKING_SIDE_ACTS({ buyer: false, agency: true, operator: true }),
  },
  markReturnReceived: {
    document: `mutation($id: ID!) { markReturnReceived(returnRequestId: $id) { status } }`,
    variables: async (fx) => ({ id: await buyersReturn(fx, 'ACCEPTED') }),
    expect: BOOKING_SIDE_ACTS({ buyer: false, agency: true, operator: true }),
  },
  completeReturn: {
    document: `mutation($id: ID!) { completeReturn(input: { returnRequestId: $id }) { status } }`,
    variables: async (fx) => ({ id: await buyersReturn(fx, 'RECEIVED') }),
    expect: BOOKING_SIDE_ACTS({ buyer: false, agency: true, operator: true }),
  },

  // settlement (docs/RULES.md §22, §25)
  settlementStatement: {
    document: `query($id: ID!) { settlementStatement(id: $id) { status } }`,
    variables: async (fx) => ({ id: await agencyStatement(fx, SettlementStatus.DRAFT) }),
    expect: AGENCY_READS,
  },
  settlementStatements: {
    document: `query($id: ID!) { settlementStatements(partnerAgencyId: $id) { totalCount } }`,
    variables: (fx) => ({ id: fx.agency.id }),
    expect: AGENCY_READS,
  },
  taxInvoices: {
    document: `query($id: ID!) { taxInvoices(partnerAgencyId: $id) { totalCount } }`,
    variables: (fx) => ({ id: fx.agency.id }),
    expect: AGENCY_READS,
  },
  recordTaxInvoice: {
    document: `mutation($id: ID!) { recordTaxInvoice(input: { taxInvoiceId: $id, approvalNumber: "20270315-41000012-34567890", issuedOn: "1990-01-02" }) { status } }`,
    variables: async (fx) => ({ id: await agencyTaxInvoice(fx) }),
    // docs/RULES.md §25: operators may do what an agency may, except record its tax invoices.
    expect: AGENCY_ACTS('FORBIDDEN'),
  },
  generateSettlementStatements: { document: `mutation { generateSettlementStatements(month: "1980-01") { id } }`, expect: OPERATOR_ONLY },
  addSettlementAdjustment: {
    document: `mutation($id: ID!) { addSettlementAdjustment(statementId: $id, amount: -500, description: "정정") { netPayable } }`,
    variables: async (fx) => ({ id: await agencyStatement(fx, SettlementStatus.DRAFT) }),
    expect: OPERATOR_ONLY,
  },
  issueSettlementStatement: {
    document: `mutation($id: ID!) { issueSettlementStatement(statementId: $id) { status } }`,
    variables: async (fx) => ({ id: await agencyStatement(fx, SettlementStatus.DRAFT) }),
    expect: OPERATOR_ONLY,
  },
  disputeSettlementStatement: {
    document: `mutation($id: ID!) { disputeSettlementStatement(statementId: $id, reason: "수수료 확인") { status } }`,
    variables: async (fx) => ({ id: await agencyStatement(fx, SettlementStatus.ISSUED) }),
    expect: AGENCY_ACTS('FORBIDDEN'),
  },
  resolveSettlementDispute: {
    document: `mutation($id: ID!) { resolveSettlementDispute(statementId: $id, note: "확인") { status } }`,
    variables: async (fx) => ({ id: await agencyStatement(fx, SettlementStatus.DISPUTED) }),
    expect: OPERATOR_ONLY,
  },
  markSettlementPaid: {
    document: `mutation($id: ID!) { markSettlementPaid(statementId: $id, transferReference: "KB-1") { status } }`,
    variables: async (fx) => {
      await withPayoutAccount(fx);
      return { id: await agencyStatement(fx, SettlementStatus.ISSUED, { windowOver: true }) };
    },
    expect: OPERATOR_ONLY,
  },
  setPartnerAgencyPayoutAccount: {
    document: `mutation($id: ID!) { setPartnerAgencyPayoutAccount(partnerAgencyId: $id, input: { bankCode: "004", accountNumber: "123456789012", accountHolder: "대표" }) { id } }`,
    variables: (fx) => ({ id: fx.agency.id }),
    expect: AGENCY_ACTS('ok'),
  },
};

describe('authorization matrix', () => {
  let fx: Fixtures;

  beforeAll(async () => {
    const t = await createTestApp({ ...OPERATOR_ENV, DURE_TEST_CLOCK: '1' });
    const operator = await logInOperator(t);
    // PREMIUM: the rows publish more listings on this agency than a smaller tier allows.
    const agency = await activePartnerAgency(t, operator, { tierCode: 'PREMIUM' });
    const staff = await agencyMember(t, agency, 'STAFF');
    const buyer = await signUp(t, '김구매');
    const listingId = await publishedListing(t, agency);
    const creatorUser = await signUp(t, '박크리에이터');
    const creator = await becomeMarketCreator(t, creatorUser.token);
    await t.ok(`mutation($id: ID!) { addToMarket(listingId: $id) { id } }`, { id: listingId }, creatorUser.token);
    const link = await t.ok(`mutation { createReferralLink(input: {}) { code } }`, {}, creatorUser.token);
    fx = {
      t,
      operator,
      agency,
      listingId,
      buyerId: buyer.id,
      buyerEmail: buyer.email,
      marketCreator: { id: creator.id, handle: creator.handle, linkCode: link.createReferralLink.code },
      tokens: {
        anonymous: undefined,
        buyer: buyer.token,
        otherBuyer: (await signUp(t, '이구매')).token,
        agencyStaff: staff.token,
        agencyOwner: agency.owner.token,
        marketCreator: creatorUser.token,
        operator,
      },
    };
  });
  afterAll(() => fx.t.close());

  it('has a row for every query and mutation in the schema, and none for operations that do not exist', () => {
    const schema = buildSchema(readFileSync('schema.graphql', 'utf8'));
    // Subscriptions speak graphql-ws, not HTTP: their authorization is tested in test/platform/live-updates.e2e-spec.ts.
    const operations = [schema.getQueryType()!, schema.getMutationType()!].flatMap((type) => Object.keys(type.getFields()));
    // A query named like a mutation (`checkout`) has its row under `name (query)`.
    expect(
      Object.keys(ROWS)
        .map((key) => key.replace(/ \(query\)$/, ''))
        .sort(),
    ).toEqual(operations.sort());
  });

  const cases = Object.entries(ROWS).flatMap(([operation, row]) => ROLES.map((role) => [operation, role, row.expect[role], row] as const));
  /** Documents run by an earlier case: compiled since (a document is compiled on its second run). */
  const ranBefore = new Set<string>();

  it.each(cases)('%s as %s → %s', async (_operation, role, outcome, row) => {
    const built = (await row.variables?.(fx, role)) ?? {};
    const { __token, ...variables } = built;
    const token = '__token' in built ? (__token as string | undefined) : fx.tokens[role];
    const executions = fx.t.app.get(CompiledExecution).executions;
    const before = { ...executions };
    const res = await fx.t.gql(row.document, variables, token);
    if (outcome === 'ok') expect(res.errors).toBeUndefined();
    else expect(res.errors?.map((error) => error.extensions.code)).toEqual([outcome]);
    // After an earlier role's run, answered by the compiled query (compiled once, whoever came first): every guard
    // still ran for this role.
    if (ranBefore.has(row.document)) expect(executions).toEqual({ compiled: before.compiled + 1, interpreted: before.interpreted });
    else expect(executions.compiled + executions.interpreted).toBe(before.compiled + before.interpreted + 1);
    ranBefore.add(row.document);
  });
});
