import { publishedListing, type Agency } from './catalog.js';
import type { TestApp } from './test-app.js';

export const PRICE_FIELDS = `itemsTotal itemDiscount shippingFee shippingDiscount total`;
export const CART_FIELDS = `updatedAt price { ${PRICE_FIELDS} }
  lines { id quantity unitPrice problem listing { id title } }
  groups { partnerAgency { id } freeShippingRemaining price { ${PRICE_FIELDS} } lines { id } }`;
export const ORDER_FIELDS = `id number status dispatchDeadline paidAt createdAt refundedAmount
  buyer { id } partnerAgency { id } checkout { id } payment { status amount }
  price { ${PRICE_FIELDS} } shippingAddress { recipientName phone postalCode address1 address2 deliveryNote }
  lines { id title unitPrice quantity cancelledQuantity returnedQuantity itemDiscount paidAmount refundedAmount taxFree listing { id } order { id } }`;
export const CHECKOUT_FIELDS = `id number status holdExpiresAt paidAt createdAt refundedAmount buyer { id }
  price { ${PRICE_FIELDS} } shippingAddress { recipientName postalCode }
  paymentRequest { orderId orderName amount } payment { id status amount }
  orders { ${ORDER_FIELDS} }`;

export const COUPON_FIELDS = `id code name discountType rateBps amount maxDiscount minOrderAmount fundedBy partnerAgency { id } scope exhibition { id }
  listings { id } appliesToSubscriptions subscriptionCycles startsAt endsAt totalUsageLimit perUserLimit usedCount active`;
export const SAVE_COUPON = `mutation($input: SaveCouponInput!) { saveCoupon(input: $input) { ${COUPON_FIELDS} } }`;
export const COUPON = `query($id: ID!) { coupon(id: $id) { ${COUPON_FIELDS} } }`;
export const MY_CART = `{ myCart { ${CART_FIELDS} } }`;
export const SET_CART_LINE = `mutation($listingId: ID!, $quantity: Int!) { setCartLine(listingId: $listingId, quantity: $quantity) { ${CART_FIELDS} } }`;
export const CHECKOUT = `mutation($input: CheckoutInput!) { checkout(input: $input) { ${CHECKOUT_FIELDS} } }`;
export const PAY_CHECKOUT = `mutation($input: PayInput!) { payCheckout(input: $input) { ${CHECKOUT_FIELDS} } }`;
export const CHECKOUT_BY_ID = `query($id: ID!) { checkout(id: $id) { ${CHECKOUT_FIELDS} } }`;
export const ORDER = `query($id: ID!) { order(id: $id) { ${ORDER_FIELDS} } }`;
export const LISTING_STOCK = `query($id: ID!) { listing(id: $id) { goods { stock } } }`;

export const ADDRESS = {
  recipientName: '김구매',
  phone: '010-1234-5678',
  postalCode: '04524',
  address1: '서울 중구 세종대로 110',
  address2: '3층',
  deliveryNote: '문 앞',
};

/** A published GOODS listing of the agency (12,000 won, stock 10, 3,000 shipping free over 30,000 unless overridden); its id. */
export function goodsListing(t: TestApp, agency: Agency, goods: Record<string, unknown> = {}, overrides: Record<string, unknown> = {}): Promise<string> {
  return publishedListing(t, agency, {
    kind: 'GOODS',
    title: '유기농 현미 5kg',
    price: 12_000,
    category: null,
    service: null,
    goods: { stock: 10, shippingFee: 3_000, freeShippingOver: 30_000, ...goods },
    ...overrides,
  });
}

export async function stockOf(t: TestApp, listingId: string, token: string): Promise<number> {
  return (await t.ok(LISTING_STOCK, { id: listingId }, token)).listing.goods.stock;
}

let keys = 0;

/** `checkout` with a fresh idempotency key unless the input names one. */
export function checkout(t: TestApp, token: string, input: Record<string, unknown> = {}) {
  return t.gql(CHECKOUT, { input: { shippingAddress: ADDRESS, idempotencyKey: `checkout-${process.pid}-${keys++}`, ...input } }, token);
}

/** The buyer's cart filled with `lines` (listing, quantity) and checked out: the unpaid checkout. */
export async function checkedOutCart(t: TestApp, token: string, lines: Array<[string, number]>) {
  for (const [listingId, quantity] of lines) await t.ok(SET_CART_LINE, { listingId, quantity }, token);
  const res = await checkout(t, token);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data!.checkout;
}

/** A PAID order of one agency's `lines` bought by the token's user through the simulated provider: its id and line ids in cart order. */
export async function paidOrder(t: TestApp, token: string, lines: Array<[string, number]>): Promise<{ id: string; lineIds: string[] }> {
  const created = await checkedOutCart(t, token, lines);
  const paid = await t.ok(
    `mutation($input: PayInput!) { payCheckout(input: $input) { orders { id lines { id } } } }`,
    { input: { id: created.id, paymentKey: `pk_${created.id}` } },
    token,
  );
  const [order] = paid.payCheckout.orders;
  return { id: order.id, lineIds: order.lines.map((line: { id: string }) => line.id) };
}
