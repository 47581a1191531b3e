import { RequestContext } from '../../libs/common/src/index.js';
import { TaxInvoiceService } from '../../libs/settlement/src/index.js';
import { becomeMarketCreator } from '../support/affiliate.js';
import { activePartnerAgency, agencyMember, type Agency, type User } from '../support/catalog.js';
import { CANCEL as CANCEL_RESERVATION, COMPLETE, advanceTo, bookableService, codeOf, hoursAfter, seoulAt } from '../support/booking.js';
import { SET_CART_LINE, checkout, goodsListing } from '../support/commerce.js';
import { newOrganization } from '../support/membership.js';
import { OPERATOR_ENV, addMember, createTestApp, logInOperator, signUp, type TestApp } from '../support/test-app.js';

const INVOICE_FIELDS = `id status supplier { name businessRegistrationNumber representativeName email } buyer { name email businessType }
  purchaseOrderNumber supplyValue vat taxFreeAmount total writtenOn dueOn approvalNumber taxFreeApprovalNumber issuedOn
  order { id } reservation { id }`;
const PAY_CHECKOUT = `mutation($input: PayInput!) { payCheckout(input: $input) { orders { id price { shippingFee total } lines { id } } } }`;
const ORDER_INVOICE = `query($id: ID!) { order(id: $id) { id taxInvoice { ${INVOICE_FIELDS} } } }`;
const ORDER_OVERDUE = `query($id: ID!) { order(id: $id) { taxInvoice { overdue } } }`;
const RESERVATION_INVOICE = `query($id: ID!) { reservation(id: $id) { id taxInvoice { ${INVOICE_FIELDS} } } }`;
const TAX_INVOICES = `query($agency: ID, $status: TaxInvoiceStatus, $overdueOnly: Boolean) {
  taxInvoices(partnerAgencyId: $agency, status: $status, overdueOnly: $overdueOnly, first: 50) { totalCount nodes { id status overdue dueOn } } }`;
const RECORD = `mutation($input: RecordTaxInvoiceInput!) { recordTaxInvoice(input: $input) { ${INVOICE_FIELDS} overdue } }`;
const SHIP = `mutation($input: ShipOrderInput!) { shipOrder(input: $input) { shipments { id } } }`;
const MARK_DELIVERED = `mutation($id: ID!) { markShipmentDelivered(shipmentId: $id) { deliveredAt } }`;
const CONFIRM = `mutation($id: ID!) { confirmOrder(orderId: $id) { id status } }`;
const REQUEST_RETURN = `mutation($input: RequestReturnInput!) { requestReturn(input: $input) { id } }`;
const ACCEPT_RETURN = `mutation($input: AcceptReturnInput!) { acceptReturn(input: $input) { id } }`;
const RETURN_RECEIVED = `mutation($id: ID!) { markReturnReceived(returnRequestId: $id) { id } }`;
const COMPLETE_RETURN = `mutation($input: CompleteReturnInput!) { completeReturn(input: $input) { id refundAmount } }`;
const REFUND_ORDER = `mutation($input: RefundOrderInput!) { refundOrder(input: $input) { id refundedAmount } }`;
const CANCEL_ORDER = `mutation($input: CancelOrderInput!) { cancelOrder(input: $input) { id status } }`;
const RESERVE = `mutation($input: ReserveInput!) { reserve(input: $input) { id amount endsAt } }`;
const PAY_RESERVATION = `mutation($input: PayInput!) { payReservation(input: $input) { id status } }`;
const AMENDMENT_NOTICES = `{ myNotifications(first: 50) { nodes { kind body link } } }`;
const NON_BUSINESS_DAYS = `query($year: Int!) { nonBusinessDays(year: $year) { date name } }`;
const SET_NON_BUSINESS_DAYS = `mutation($year: Int!, $days: [NonBusinessDayInput!]!) { setNonBusinessDays(year: $year, days: $days) { date } }`;
const RECIPIENT = { email: 'tax@city.go.kr', contactName: '박담당', businessType: '공공행정', businessItem: '일반행정' };
const APPROVAL = '20270315-41000012-34567890';
const TAX_FREE_APPROVAL = '20270315-41000012-99999999';

/** The VAT inside a VAT-inclusive amount (docs/RULES.md §14). */
const vatOf = (amount: number) => Math.round(amount / 11);
const won = (amount: number) => `${amount.toLocaleString('ko-KR')}원`;

describe('Tax-invoice data of B2B orders and reservations (docs/RULES.md §23, §25)', () => {
  let t: TestApp;
  let operator: string;
  let supplier: Agency;
  let otherAgency: Agency;
  let rice: string;
  let greens: string;
  let service: string;
  let buyerOrg: Awaited<ReturnType<typeof newOrganization>>;
  let manager: User;
  let orgStaff: User;
  let keys = 0;

  beforeAll(async () => {
    t = await createTestApp({ ...OPERATOR_ENV, DURE_TEST_CLOCK: '1' });
    operator = await logInOperator(t);
    // Mon 2027-03-15 10:00 KST: a sale final today is due on the 10th of April, a Saturday → Mon 12.
    await advanceTo(t, operator, '2027-03-15T01:00:00Z');
    supplier = await activePartnerAgency(t, operator, { name: '햇살 협동조합' });
    otherAgency = await activePartnerAgency(t, operator, { name: '바다 협동조합' });
    rice = await goodsListing(t, supplier, { stock: 500, shippingFee: 3_000, freeShippingOver: null }, { title: '유기농 현미 5kg', price: 12_000 });
    greens = await goodsListing(t, supplier, { stock: 500, shippingFee: 3_000, freeShippingOver: null }, { title: '쌈채소', price: 10_000, taxFree: true });
    service = await bookableService(t, supplier, {}, { price: 55_000, taxFree: false });
    buyerOrg = await newOrganization(t, '서천군청');
    manager = await signUp(t, '김매니저');
    orgStaff = await signUp(t, '이직원');
    await addMember(t, buyerOrg.organizationId, buyerOrg.owner.token, manager, 'MANAGER');
    await addMember(t, buyerOrg.organizationId, buyerOrg.owner.token, orgStaff, 'STAFF');
  });
  afterAll(() => t.close());

  const onBehalfOf = { purchaseOrderNumber: '품의-2027-0042', taxInvoice: RECIPIENT };
  /** A B2B order of the supplier paid with `paymentKeyPrefix` (sim_transfer → TRANSFER, else CARD). */
  async function bought(lines: Array<[string, number]>, paymentKeyPrefix = 'sim_transfer') {
    for (const [listingId, quantity] of lines) await t.ok(SET_CART_LINE, { listingId, quantity }, manager.token);
    const res = await checkout(t, manager.token, { onBehalfOf: { ...onBehalfOf, organizationId: buyerOrg.organizationId } });
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    const id = res.data!.checkout.id;
    const [order] = (await t.ok(PAY_CHECKOUT, { input: { id, paymentKey: `${paymentKeyPrefix}_${id}` } }, manager.token)).payCheckout.orders;
    return { id: order.id as string, lineIds: order.lines.map((line: { id: string }) => line.id) as string[], total: order.price.total as number };
  }
  async function deliveredAndConfirmed(orderId: string): Promise<void> {
    const [shipment] = (await t.ok(SHIP, { input: { orderId, carrier: 'DIRECT' } }, supplier.owner.token)).shipOrder.shipments;
    await t.ok(MARK_DELIVERED, { id: shipment.id }, supplier.owner.token);
    expect((await t.ok(CONFIRM, { id: orderId }, manager.token)).confirmOrder.status).toBe('CONFIRMED');
  }
  const invoiceOf = async (orderId: string, token = manager.token) => (await t.ok(ORDER_INVOICE, { id: orderId }, token)).order.taxInvoice;
  const record = (input: Record<string, unknown>, token = supplier.owner.token) => t.gql(RECORD, { input }, token);

  let mixedOrder: { id: string; total: number };

  it('paid by card: NOT_REQUIRED from the start, and it stays so when the sale is final', async () => {
    const order = await bought([[rice, 1]], 'pk');
    expect(await invoiceOf(order.id)).toMatchObject({ status: 'NOT_REQUIRED', total: 15_000 });
    await deliveredAndConfirmed(order.id);
    expect(await invoiceOf(order.id)).toMatchObject({ status: 'NOT_REQUIRED', writtenOn: null, dueOn: null });
  });

  it('paid by transfer: PENDING, then ISSUABLE on confirmation with the taxable and tax-free parts split, shipping taxable', async () => {
    mixedOrder = await bought([
      [rice, 1],
      [greens, 2],
    ]);
    const pending = await invoiceOf(mixedOrder.id);
    expect(pending).toMatchObject({
      status: 'PENDING',
      purchaseOrderNumber: '품의-2027-0042',
      supplier: { name: '햇살 협동조합', businessRegistrationNumber: expect.stringMatching(/^\d{10}$/), email: null },
      buyer: { name: '서천군청', email: 'tax@city.go.kr', businessType: '공공행정' },
      order: { id: mixedOrder.id },
      reservation: null,
      writtenOn: null,
      dueOn: null,
    });
    await deliveredAndConfirmed(mixedOrder.id);
    // Tax-free: the greens (20,000); taxable: rice and the shipping (a taxable line is kept).
    const taxable = mixedOrder.total - 20_000;
    expect(taxable).toBeGreaterThan(12_000);
    expect(await invoiceOf(mixedOrder.id)).toMatchObject({
      status: 'ISSUABLE',
      total: mixedOrder.total,
      taxFreeAmount: 20_000,
      vat: vatOf(taxable),
      supplyValue: taxable - vatOf(taxable),
      writtenOn: '2027-03-15',
      dueOn: '2027-04-12',
    });
  });

  it('every kept line tax-free: the shipping is tax-free too, no VAT', async () => {
    const order = await bought([[greens, 1]]);
    await deliveredAndConfirmed(order.id);
    expect(await invoiceOf(order.id)).toMatchObject({ status: 'ISSUABLE', total: 13_000, taxFreeAmount: 13_000, vat: 0, supplyValue: 0 });
  });

  it('part cancelled before shipment: the amounts are what was kept; with only tax-free lines kept the shipping is tax-free', async () => {
    const order = await bought([
      [rice, 1],
      [greens, 1],
    ]);
    await t.ok(CANCEL_ORDER, { input: { orderId: order.id, lines: [{ orderLineId: order.lineIds[0], quantity: 1 }] } }, manager.token);
    expect((await invoiceOf(order.id)).status).toBe('PENDING');
    await deliveredAndConfirmed(order.id);
    const invoice = await invoiceOf(order.id);
    // Only the greens are kept: the shipping kept with them is tax-free.
    expect(invoice).toMatchObject({ status: 'ISSUABLE', taxFreeAmount: invoice.total, vat: 0, supplyValue: 0 });
    expect(invoice.total).toBe(order.total - 12_000);
  });

  it('partly returned after delivery: ISSUABLE on confirmation with what was kept, the shipping staying with the taxable line', async () => {
    const order = await bought([
      [rice, 1],
      [greens, 2],
    ]);
    const [shipment] = (await t.ok(SHIP, { input: { orderId: order.id, carrier: 'DIRECT' } }, supplier.owner.token)).shipOrder.shipments;
    await t.ok(MARK_DELIVERED, { id: shipment.id }, supplier.owner.token);
    const request = (
      await t.ok(
        REQUEST_RETURN,
        { input: { orderId: order.id, reason: 'DEFECTIVE', resolution: 'REFUND', lines: [{ orderLineId: order.lineIds[1], quantity: 1 }] } },
        manager.token,
      )
    ).requestReturn;
    await t.ok(ACCEPT_RETURN, { input: { returnRequestId: request.id } }, supplier.owner.token);
    await t.ok(RETURN_RECEIVED, { id: request.id }, supplier.owner.token);
    expect((await t.ok(COMPLETE_RETURN, { input: { returnRequestId: request.id } }, supplier.owner.token)).completeReturn.refundAmount).toBe(10_000);
    expect((await invoiceOf(order.id)).status).toBe('PENDING');
    expect((await t.ok(CONFIRM, { id: order.id }, manager.token)).confirmOrder.status).toBe('CONFIRMED');
    const taxable = order.total - 20_000;
    expect(await invoiceOf(order.id)).toMatchObject({
      status: 'ISSUABLE',
      total: order.total - 10_000,
      taxFreeAmount: 10_000,
      vat: vatOf(taxable),
      supplyValue: taxable - vatOf(taxable),
    });
  });

  it('everything given back before shipment: NOT_REQUIRED', async () => {
    const order = await bought([[rice, 2]]);
    const cancelled = await t.ok(CANCEL_ORDER, { input: { orderId: order.id, lines: [{ orderLineId: order.lineIds[0], quantity: 2 }] } }, manager.token);
    expect(cancelled.cancelOrder.status).toBe('CANCELLED');
    expect(await invoiceOf(order.id)).toMatchObject({ status: 'NOT_REQUIRED', total: 0, vat: 0, supplyValue: 0, taxFreeAmount: 0 });
  });

  it('recordTaxInvoice: who may record (§11 codes), which numbers are required, then ISSUED and read by the report', async () => {
    const id = (await invoiceOf(mixedOrder.id)).id;
    const valid = { taxInvoiceId: id, approvalNumber: APPROVAL, taxFreeApprovalNumber: TAX_FREE_APPROVAL, issuedOn: '2027-03-15' };
    const creator = await signUp(t, '크리에이터');
    await becomeMarketCreator(t, creator.token);
    expect(codeOf(await record(valid, creator.token))).toBe('NOT_FOUND');
    expect(codeOf(await record(valid, otherAgency.owner.token))).toBe('NOT_FOUND');
    expect(codeOf(await record(valid, manager.token))).toBe('NOT_FOUND');
    expect(codeOf(await record(valid, (await agencyMember(t, supplier, 'STAFF')).token))).toBe('FORBIDDEN');
    expect(codeOf(await record(valid, operator))).toBe('FORBIDDEN');

    const fieldOf = (res: Awaited<ReturnType<typeof record>>) => res.errors?.[0].extensions.fields?.map((f: { field: string }) => f.field);
    expect(fieldOf(await record({ ...valid, approvalNumber: null }))).toEqual(['input.approvalNumber']);
    expect(fieldOf(await record({ ...valid, approvalNumber: '2027-0315' }))).toEqual(['input.approvalNumber']);
    expect(fieldOf(await record({ ...valid, taxFreeApprovalNumber: null }))).toEqual(['input.taxFreeApprovalNumber']);
    expect(fieldOf(await record({ ...valid, issuedOn: '2027-03-16' }))).toEqual(['input.issuedOn']);
    expect(fieldOf(await record({ ...valid, issuedOn: '2027-03-14' }))).toEqual(['input.issuedOn']);

    const issued = (await t.ok(RECORD, { input: valid }, supplier.owner.token)).recordTaxInvoice;
    expect(issued).toMatchObject({
      status: 'ISSUED',
      approvalNumber: '202703154100001234567890',
      taxFreeApprovalNumber: '202703154100001299999999',
      issuedOn: '2027-03-15',
      overdue: false,
    });
    expect(codeOf(await record(valid))).toBe('INVALID_STATE');
    const numbers = await t.app.get(TaxInvoiceService).approvalNumbersOf(RequestContext.system(), [
      { kind: 'ORDER', id: mixedOrder.id },
      { kind: 'RESERVATION', id: mixedOrder.id },
    ]);
    expect(numbers).toEqual(new Map([[mixedOrder.id, '202703154100001234567890']]));

    // A PENDING invoice cannot be recorded; an all tax-free one refuses a 세금계산서 number.
    const pending = await bought([[rice, 1]]);
    expect(codeOf(await record({ ...valid, taxInvoiceId: (await invoiceOf(pending.id)).id }))).toBe('INVALID_STATE');
    const taxFree = await bought([[greens, 1]]);
    await deliveredAndConfirmed(taxFree.id);
    const taxFreeId = (await invoiceOf(taxFree.id)).id;
    expect(fieldOf(await record({ ...valid, taxInvoiceId: taxFreeId }))).toEqual(['input.approvalNumber']);
    expect((await t.ok(RECORD, { input: { ...valid, taxInvoiceId: taxFreeId, approvalNumber: null } }, supplier.owner.token)).recordTaxInvoice.status).toBe(
      'ISSUED',
    );
  });

  it('who reads: the buyer organization through its order (STAFF too), the agency in taxInvoices, operators; not others', async () => {
    expect((await invoiceOf(mixedOrder.id, orgStaff.token)).status).toBe('ISSUED');
    expect(codeOf(await t.gql(TAX_INVOICES, { agency: supplier.id }, manager.token))).toBe('NOT_FOUND');
    expect(codeOf(await t.gql(TAX_INVOICES, {}, supplier.owner.token))).toBe('BAD_USER_INPUT');
    const staff = await agencyMember(t, supplier, 'STAFF');
    const seen = (await t.ok(TAX_INVOICES, { agency: supplier.id, status: 'ISSUED' }, staff.token)).taxInvoices;
    expect(seen.totalCount).toBe(2);
    expect((await t.ok(TAX_INVOICES, { agency: supplier.id, status: 'ISSUED' }, operator)).taxInvoices.totalCount).toBe(2);
    // An id that is no UUID names no agency, for operators too (found by the hostile-input test).
    expect(codeOf(await t.gql(TAX_INVOICES, { agency: '<script>alert(1)</script>' }, operator))).toBe('NOT_FOUND');
    expect((await t.ok(TAX_INVOICES, { agency: otherAgency.id }, otherAgency.owner.token)).taxInvoices.totalCount).toBe(0);
    // The overdue flag is the agency's and the operators'.
    expect(codeOf(await t.gql(ORDER_OVERDUE, { id: mixedOrder.id }, manager.token))).toBe('FORBIDDEN');
  });

  it('money given back after the sale is final: an ISSUABLE invoice follows it, an ISSUED one stays as issued', async () => {
    const order = await bought([[rice, 1]]);
    await deliveredAndConfirmed(order.id);
    expect(await invoiceOf(order.id)).toMatchObject({ status: 'ISSUABLE', total: 15_000, vat: 1_364 });
    await t.ok(REFUND_ORDER, { input: { orderId: order.id, amount: 5_000, reason: '품질 보상' } }, operator);
    expect(await invoiceOf(order.id)).toMatchObject({ status: 'ISSUABLE', total: 10_000, taxFreeAmount: 0, vat: 909, supplyValue: 9_091 });

    const issued = await invoiceOf(mixedOrder.id);
    await t.ok(REFUND_ORDER, { input: { orderId: mixedOrder.id, amount: 1_000, reason: '품질 보상' } }, operator);
    expect(await invoiceOf(mixedOrder.id)).toEqual(issued);

    // It needs a 수정세금계산서: operators and the supplier's OWNER / MANAGERs hear of it, once per kept total.
    const amendmentNotices = async (token: string) =>
      ((await t.ok(AMENDMENT_NOTICES, {}, token)).myNotifications.nodes as Array<{ kind: string; body: string; link: string }>).filter(
        (notice) => notice.kind === 'TAX_INVOICE_AMENDMENT_NEEDED',
      );
    const notice = {
      kind: 'TAX_INVOICE_AMENDMENT_NEEDED',
      body: `서천군청에 발행한 세금계산서(승인번호 ${APPROVAL.replaceAll('-', '')})는 ${won(issued.total)}인데, 환불 후 남은 금액은 ${won(issued.total - 1_000)}이에요. 차액 1,000원에 대해 수정세금계산서를 발행해 주세요.`,
      link: `/partner-agencies/${supplier.id}/tax-invoices/${issued.id}`,
    };
    expect(await amendmentNotices(operator)).toEqual([notice]);
    expect(await amendmentNotices(supplier.owner.token)).toEqual([notice]);
    expect(await amendmentNotices(manager.token)).toEqual([]);
    await t.ok(REFUND_ORDER, { input: { orderId: mixedOrder.id, amount: 500, reason: '품질 보상' } }, operator);
    expect((await amendmentNotices(operator)).map((each) => each.body)).toEqual([
      expect.stringContaining(`남은 금액은 ${won(issued.total - 1_500)}이에요. 차액 1,500원`),
      notice.body,
    ]);
  });

  it('a B2B reservation paid by transfer: ISSUABLE when completed, written on the service date', async () => {
    const startsAt = seoulAt(t, 2, 10);
    const reserved = (
      await t.ok(
        RESERVE,
        { input: { listingId: service, startsAt, idempotencyKey: `r-${keys++}`, onBehalfOf: { ...onBehalfOf, organizationId: buyerOrg.organizationId } } },
        manager.token,
      )
    ).reserve;
    await t.ok(PAY_RESERVATION, { input: { id: reserved.id, paymentKey: `sim_transfer_${reserved.id}` } }, manager.token);
    const invoiceOfReservation = async () => (await t.ok(RESERVATION_INVOICE, { id: reserved.id }, manager.token)).reservation.taxInvoice;
    expect(await invoiceOfReservation()).toMatchObject({ status: 'PENDING', reservation: { id: reserved.id }, order: null });
    await advanceTo(t, operator, hoursAfter(reserved.endsAt, 1));
    await t.ok(COMPLETE, { id: reserved.id }, supplier.owner.token);
    expect(await invoiceOfReservation()).toMatchObject({
      status: 'ISSUABLE',
      total: 55_000,
      taxFreeAmount: 0,
      vat: 5_000,
      supplyValue: 50_000,
      writtenOn: '2027-03-17',
      dueOn: '2027-04-12',
    });
  });

  it('a B2B reservation the buyer missed (NO_SHOW) keeps its price: ISSUABLE; a tax-free service has no VAT', async () => {
    const taxFreeService = await bookableService(t, supplier, {}, { price: 40_000, taxFree: true });
    const startsAt = seoulAt(t, 1, 10);
    const reserved = (
      await t.ok(
        RESERVE,
        {
          input: { listingId: taxFreeService, startsAt, idempotencyKey: `r-${keys++}`, onBehalfOf: { ...onBehalfOf, organizationId: buyerOrg.organizationId } },
        },
        manager.token,
      )
    ).reserve;
    await t.ok(PAY_RESERVATION, { input: { id: reserved.id, paymentKey: `sim_transfer_${reserved.id}` } }, manager.token);
    await advanceTo(t, operator, hoursAfter(startsAt, 0.5));
    await t.ok(`mutation($id: ID!) { markNoShow(reservationId: $id) { id status } }`, { id: reserved.id }, supplier.owner.token);
    expect((await t.ok(RESERVATION_INVOICE, { id: reserved.id }, manager.token)).reservation.taxInvoice).toMatchObject({
      status: 'ISSUABLE',
      total: 40_000,
      taxFreeAmount: 40_000,
      vat: 0,
      supplyValue: 0,
      writtenOn: '2027-03-18',
      dueOn: '2027-04-12',
    });
  });

  it('a paid B2B reservation the agency cancels (full refund): NOT_REQUIRED', async () => {
    const reserved = (
      await t.ok(
        RESERVE,
        {
          input: {
            listingId: service,
            startsAt: seoulAt(t, 3, 14),
            idempotencyKey: `r-${keys++}`,
            onBehalfOf: { ...onBehalfOf, organizationId: buyerOrg.organizationId },
          },
        },
        manager.token,
      )
    ).reserve;
    await t.ok(PAY_RESERVATION, { input: { id: reserved.id, paymentKey: `sim_transfer_${reserved.id}` } }, manager.token);
    await t.ok(CANCEL_RESERVATION, { input: { reservationId: reserved.id, reason: '강사 사정' } }, supplier.owner.token);
    expect((await t.ok(RESERVATION_INVOICE, { id: reserved.id }, manager.token)).reservation.taxInvoice).toMatchObject({
      status: 'NOT_REQUIRED',
      total: 0,
      writtenOn: null,
    });
  });

  it('dueOn skips a holiday; past dueOn an ISSUABLE invoice is overdue for the agency and operators until recorded', async () => {
    const { nonBusinessDays } = await t.ok(NON_BUSINESS_DAYS, { year: 2027 });
    await t.ok(SET_NON_BUSINESS_DAYS, { year: 2027, days: [...nonBusinessDays, { date: '2027-04-12', name: '임시공휴일' }] }, operator);
    const order = await bought([[rice, 1]]);
    await deliveredAndConfirmed(order.id);
    const invoice = await invoiceOf(order.id);
    expect(invoice).toMatchObject({ status: 'ISSUABLE', dueOn: '2027-04-13' });

    await advanceTo(t, operator, '2027-04-13T14:00:00Z'); // 23:00 KST on the due date: not overdue yet
    const overdueIds = async (token: string) =>
      (await t.ok(TAX_INVOICES, { agency: supplier.id, overdueOnly: true }, token)).taxInvoices.nodes.map((node: { id: string }) => node.id);
    expect(await overdueIds(operator)).not.toContain(invoice.id);
    await advanceTo(t, operator, '2027-04-13T15:30:00Z');
    expect(await overdueIds(supplier.owner.token)).toContain(invoice.id);
    expect((await t.ok(ORDER_OVERDUE, { id: order.id }, operator)).order.taxInvoice.overdue).toBe(true);
    await t.ok(RECORD, { input: { taxInvoiceId: invoice.id, approvalNumber: APPROVAL, issuedOn: '2027-04-14' } }, supplier.owner.token);
    expect(await overdueIds(operator)).not.toContain(invoice.id);
  });
});
