import { DataSource } from 'typeorm';
import { becomeMarketCreator } from '../support/affiliate.js';
import { advanceTo, bookableService, codeOf, seoulAt } from '../support/booking.js';
import { activePartnerAgency, type Agency, type User } from '../support/catalog.js';
import { SET_CART_LINE, checkout, goodsListing } from '../support/commerce.js';
import { OPERATOR_ENV, addMember, createTestApp, logInOperator, newBusinessRegistrationNumber, signUp, type TestApp } from '../support/test-app.js';

const REPORT = `query($input: PriorityPurchaseReportInput!) {
  priorityPurchaseReport(input: $input) {
    buyerOrganization { id } from to groupBy total certifiedTotal csv generatedAt
    rows { period periodStart periodEnd supplierKind certified category purchaseCount supplierCount amount }
    purchases { date number supplier { id } supplierKind certified certificateNumber category description amount purchaseOrderNumber taxInvoiceApprovalNumber }
  }
}`;
const CREATE_ORGANIZATION = `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`;
const PAY_CHECKOUT = `mutation($input: PayInput!) { payCheckout(input: $input) { orders { id number lines { id } } } }`;
const CANCEL_ORDER = `mutation($input: CancelOrderInput!) { cancelOrder(input: $input) { id refundedAmount } }`;
const RESERVE = `mutation($input: ReserveInput!) { reserve(input: $input) { id number } }`;
const PAY_RESERVATION = `mutation($input: PayInput!) { payReservation(input: $input) { id } }`;
const SUBMIT_CERTIFICATION = `mutation($input: SubmitCertificationInput!) { submitCertification(input: $input) { id } }`;
const REVIEW_CERTIFICATION = `mutation($input: ReviewInput!) { reviewCertification(input: $input) { status } }`;
const RECIPIENT = { email: 'tax@city.go.kr', contactName: '박담당' };
const APPROVAL_NUMBER = '202801034100000012345678';

interface Purchase {
  date: string;
  number: string;
  supplierKind: string;
  certified: boolean;
  certificateNumber: string | null;
  category: string;
  description: string;
  amount: number;
  purchaseOrderNumber: string | null;
}

/**
 * docs/RULES.md §24 over HTTP on one timeline across the turn of 2027 (the test clock only moves forward): a
 * city office buys goods from a cooperative that is certified 사회적기업 from 2027-12-29 on, and services
 * from a company whose name needs CSV quoting; personal, fully cancelled and other organizations' purchases
 * stay out.
 */
describe('the priority-purchase report (docs/RULES.md §24, §25)', () => {
  let t: TestApp;
  let operator: string;
  let cooperative: Agency;
  let company: Agency;
  let rice: string;
  let woodwork: string;
  let city: string;
  let manager: User;
  let staff: User;
  let keys = 0;
  const numbers: Record<string, string> = {};

  const report = (token: string, input: Record<string, unknown>) => t.gql(REPORT, { input: { buyerOrganizationId: city, ...input } }, token);
  const reportOk = async (input: Record<string, unknown>, token = manager.token) => {
    const res = await report(token, input);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.priorityPurchaseReport;
  };
  const onBehalfOf = (purchaseOrderNumber: string | null, organizationId = city) => ({ organizationId, purchaseOrderNumber, taxInvoice: RECIPIENT });

  /** A paid order of `quantity` rice by the manager, for the city unless `b2b` is null: the order. */
  async function boughtRice(quantity: number, b2b: Record<string, unknown> | null): Promise<{ id: string; number: string; lineId: string }> {
    await t.ok(SET_CART_LINE, { listingId: rice, quantity }, manager.token);
    const res = await checkout(t, manager.token, b2b ? { onBehalfOf: b2b } : {});
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    const id = res.data!.checkout.id;
    const [order] = (await t.ok(PAY_CHECKOUT, { input: { id, paymentKey: `sim_transfer_${id}` } }, manager.token)).payCheckout.orders;
    return { id: order.id, number: order.number, lineId: order.lines[0].id };
  }
  /** A paid reservation of the woodwork class two days ahead, for the city. */
  async function bookedWoodwork(purchaseOrderNumber: string | null): Promise<string> {
    const reserved = (
      await t.ok(
        RESERVE,
        { input: { listingId: woodwork, startsAt: seoulAt(t, 2, 10), idempotencyKey: `r-${keys++}`, onBehalfOf: onBehalfOf(purchaseOrderNumber) } },
        manager.token,
      )
    ).reserve;
    await t.ok(PAY_RESERVATION, { input: { id: reserved.id, paymentKey: `sim_transfer_${reserved.id}` } }, manager.token);
    return reserved.number;
  }

  /**
   * The supplier's tax invoice for an order, ISSUED with an approval number, written straight into the table
   * (the report only reads its approval number; issuing it through the API is the tax-invoice work's).
   */
  async function issuedTaxInvoice(orderId: string): Promise<void> {
    const db = t.app.get(DataSource);
    await db.query(`DELETE FROM tax_invoice WHERE order_id = $1`, [orderId]);
    await db.query(
      `INSERT INTO tax_invoice (id, status, partner_agency_id, buyer_organization_id, order_id, supplier, buyer, supply_value, vat, tax_free_amount, total,
                                approval_number, issued_on, created_at, updated_at)
       VALUES (gen_random_uuid(), 'ISSUED', $1, $2, $3, '{}', '{}', 35455, 3545, 0, 39000, $4, '2028-01-03', now(), now())`,
      [cooperative.id, city, orderId, APPROVAL_NUMBER],
    );
  }

  /** A new PUBLIC_INSTITUTION organization owned by `owner`: its id. */
  async function publicInstitution(name: string, owner: User): Promise<string> {
    const input = { name, kind: 'PUBLIC_INSTITUTION', businessRegistrationNumber: newBusinessRegistrationNumber(), representativeName: '대표' };
    return (await t.ok(CREATE_ORGANIZATION, { input }, owner.token)).createOrganization.id;
  }

  beforeAll(async () => {
    t = await createTestApp({ ...OPERATOR_ENV, DURE_TEST_CLOCK: '1' });
    operator = await logInOperator(t);
    await advanceTo(t, operator, '2027-12-28T01:00:00Z');
    cooperative = await activePartnerAgency(t, operator, { name: '햇살 협동조합', kind: 'COOPERATIVE' });
    company = await activePartnerAgency(t, operator, { name: '바른 "목공", 상사', kind: 'COMPANY' });
    rice = await goodsListing(t, cooperative, { stock: 50, shippingFee: 3_000, freeShippingOver: 1_000_000 }, { title: '유기농 현미 5kg', price: 12_000 });
    woodwork = await bookableService(t, company, {}, { title: '목공 체험', price: 30_000 });
    const owner = await signUp(t, '군수');
    city = await publicInstitution('서천군청', owner);
    manager = await signUp(t, '김매니저');
    staff = await signUp(t, '이직원');
    await addMember(t, city, owner.token, manager, 'MANAGER');
    await addMember(t, city, owner.token, staff, 'STAFF');

    // 2027-12-28: two units, one cancelled (27,000 − 12,000); a fully cancelled order; a personal order; a class.
    const o1 = await boughtRice(2, onBehalfOf('품의-1'));
    numbers.o1 = o1.number;
    expect(
      (await t.ok(CANCEL_ORDER, { input: { orderId: o1.id, lines: [{ orderLineId: o1.lineId, quantity: 1 }] } }, manager.token)).cancelOrder.refundedAmount,
    ).toBe(12_000);
    const cancelled = await boughtRice(1, onBehalfOf('품의-취소'));
    await t.ok(CANCEL_ORDER, { input: { orderId: cancelled.id } }, manager.token);
    await boughtRice(1, null);
    numbers.r1 = await bookedWoodwork(null);
    // Another organization of the manager buys too; not the city's.
    const other = await signUp(t, '다른 기관');
    const otherOrg = await publicInstitution('다른 기관', other);
    await addMember(t, otherOrg, other.token, manager, 'MANAGER');
    await boughtRice(1, onBehalfOf('남의-품의', otherOrg));

    // 2027-12-29: the cooperative's 사회적기업 certification, issued today, is verified; then another order.
    await advanceTo(t, operator, '2027-12-29T01:00:00Z');
    const certification = (
      await t.ok(
        SUBMIT_CERTIFICATION,
        { input: { organizationId: cooperative.organizationId, kind: 'SOCIAL_ENTERPRISE', certificateNumber: '제2027-77호', issuedOn: '2027-12-29' } },
        cooperative.owner.token,
      )
    ).submitCertification;
    await t.ok(REVIEW_CERTIFICATION, { input: { id: certification.id, decision: 'APPROVE' } }, operator);
    numbers.o3 = (await boughtRice(1, onBehalfOf(null))).number;

    // 2028-01-03 (KST): one more of each.
    await advanceTo(t, operator, '2028-01-03T01:00:00Z');
    const o4 = await boughtRice(3, onBehalfOf('품의-4'));
    numbers.o4 = o4.number;
    await issuedTaxInvoice(o4.id);
    numbers.r2 = await bookedWoodwork('품의-5');
  });
  afterAll(() => t.close());

  it('counts the city’s purchases paid in the range, at paid − refunded, certified only from the certification’s first day', async () => {
    const got = await reportOk({ from: '2027-12-28', to: '2028-01-03' });
    expect(got).toMatchObject({
      buyerOrganization: { id: city },
      from: '2027-12-28',
      to: '2028-01-03',
      groupBy: 'MONTH',
      total: 129_000,
      certifiedTotal: 54_000,
    });
    const generatedAt = new Date(got.generatedAt).getTime();
    expect(generatedAt - Date.parse('2028-01-03T01:00:00Z')).toBeGreaterThanOrEqual(0);
    expect(generatedAt - Date.parse('2028-01-03T01:00:00Z')).toBeLessThan(600_000);
    const goods = { category: 'GOODS', description: '유기농 현미 5kg' };
    const services = { category: 'SERVICES', description: '목공 체험', supplierKind: 'COMPANY', certified: false, certificateNumber: null, amount: 30_000 };
    const social = { supplierKind: 'SOCIAL_ENTERPRISE', certified: true, certificateNumber: '제2027-77호' };
    expect(got.purchases).toEqual<Purchase[]>(
      [
        {
          date: '2027-12-28',
          number: numbers.o1,
          ...goods,
          supplierKind: 'COOPERATIVE',
          certified: false,
          certificateNumber: null,
          amount: 15_000,
          purchaseOrderNumber: '품의-1',
        },
        { date: '2027-12-28', number: numbers.r1, ...services, purchaseOrderNumber: null },
        { date: '2027-12-29', number: numbers.o3, ...goods, ...social, amount: 15_000, purchaseOrderNumber: null },
        { date: '2028-01-03', number: numbers.o4, ...goods, ...social, amount: 39_000, purchaseOrderNumber: '품의-4' },
        { date: '2028-01-03', number: numbers.r2, ...services, purchaseOrderNumber: '품의-5' },
      ].map((purchase) => expect.objectContaining({ ...purchase, taxInvoiceApprovalNumber: purchase.number === numbers.o4 ? APPROVAL_NUMBER : null })),
    );
    expect(got.purchases.map((purchase: { supplier: { id: string } }) => purchase.supplier.id)).toEqual([
      cooperative.organizationId,
      company.organizationId,
      cooperative.organizationId,
      cooperative.organizationId,
      company.organizationId,
    ]);
  });

  it('groups by month, quarter and year, periods clipped to from and to, kinds in declaration order', async () => {
    const rowsOf = async (groupBy: string | undefined, from = '2027-12-28', to = '2028-01-03') =>
      (await reportOk({ from, to, ...(groupBy ? { groupBy } : {}) })).rows.map(
        (row: Record<string, unknown>) =>
          `${row.period} ${row.periodStart}..${row.periodEnd} ${row.supplierKind} ${row.certified} ${row.category} ${row.purchaseCount}/${row.supplierCount} ${row.amount}`,
      );
    expect(await rowsOf(undefined)).toEqual([
      '2027-12 2027-12-28..2027-12-31 COOPERATIVE false GOODS 1/1 15000',
      '2027-12 2027-12-28..2027-12-31 SOCIAL_ENTERPRISE true GOODS 1/1 15000',
      '2027-12 2027-12-28..2027-12-31 COMPANY false SERVICES 1/1 30000',
      '2028-01 2028-01-01..2028-01-03 SOCIAL_ENTERPRISE true GOODS 1/1 39000',
      '2028-01 2028-01-01..2028-01-03 COMPANY false SERVICES 1/1 30000',
    ]);
    expect(await rowsOf('QUARTER', '2027-11-15', '2028-02-10')).toEqual([
      '2027-Q4 2027-11-15..2027-12-31 COOPERATIVE false GOODS 1/1 15000',
      '2027-Q4 2027-11-15..2027-12-31 SOCIAL_ENTERPRISE true GOODS 1/1 15000',
      '2027-Q4 2027-11-15..2027-12-31 COMPANY false SERVICES 1/1 30000',
      '2028-Q1 2028-01-01..2028-02-10 SOCIAL_ENTERPRISE true GOODS 1/1 39000',
      '2028-Q1 2028-01-01..2028-02-10 COMPANY false SERVICES 1/1 30000',
    ]);
    expect(await rowsOf('YEAR', '2027-12-29', '2028-06-30')).toEqual([
      '2027 2027-12-29..2027-12-31 SOCIAL_ENTERPRISE true GOODS 1/1 15000',
      '2028 2028-01-01..2028-06-30 SOCIAL_ENTERPRISE true GOODS 1/1 39000',
      '2028 2028-01-01..2028-06-30 COMPANY false SERVICES 1/1 30000',
    ]);
    // A year clipped at both ends.
    expect(await rowsOf('YEAR', '2027-12-28', '2027-12-31')).toEqual([
      '2027 2027-12-28..2027-12-31 COOPERATIVE false GOODS 1/1 15000',
      '2027 2027-12-28..2027-12-31 SOCIAL_ENTERPRISE true GOODS 1/1 15000',
      '2027 2027-12-28..2027-12-31 COMPANY false SERVICES 1/1 30000',
    ]);
  });

  it('reads with as many statements for five purchases as for two (no N+1)', async () => {
    const statementsFor = async (to: string) => {
      t.queries.count = 0;
      const { purchases } = await reportOk({ from: '2027-12-28', to });
      return { statements: t.queries.count, purchases: purchases.length };
    };
    const [two, five] = [await statementsFor('2027-12-28'), await statementsFor('2028-01-03')];
    expect([two.purchases, five.purchases]).toEqual([2, 5]);
    expect(five.statements).toBe(two.statements);
  });

  it('writes the CSV byte for byte: BOM, Korean header, quoted name with a comma and a quote, CRLF', async () => {
    const { csv } = await reportOk({ from: '2027-12-28', to: '2027-12-29' });
    const [coop, woodworker] = await t.app
      .get(DataSource)
      .query(`SELECT business_registration_number AS brn FROM organization WHERE id = ANY($1) ORDER BY name DESC`, [
        [cooperative.organizationId, company.organizationId],
      ]);
    const printed = (brn: string) => `${brn.slice(0, 3)}-${brn.slice(3, 5)}-${brn.slice(5)}`;
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv).toBe(
      '\uFEFF구매일자,주문번호,공급기관명,사업자등록번호,기업유형,인증여부,인증번호,구분,품명,금액(원),품의번호,세금계산서 승인번호\r\n' +
        `2027-12-28,${numbers.o1},햇살 협동조합,${printed(coop.brn)},협동조합,N,,물품,유기농 현미 5kg,15000,품의-1,\r\n` +
        `2027-12-28,${numbers.r1},"바른 ""목공"", 상사",${printed(woodworker.brn)},일반기업,N,,용역,목공 체험,30000,,\r\n` +
        `2027-12-29,${numbers.o3},햇살 협동조합,${printed(coop.brn)},사회적기업,Y,제2027-77호,물품,유기농 현미 5kg,15000,,\r\n`,
    );
  });

  it('an empty range is an empty report; to before from or over 366 days is BAD_USER_INPUT', async () => {
    expect(await reportOk({ from: '2027-01-01', to: '2027-12-27', groupBy: 'QUARTER' })).toMatchObject({
      rows: [],
      purchases: [],
      total: 0,
      certifiedTotal: 0,
    });
    const backwards = await report(manager.token, { from: '2028-01-03', to: '2028-01-02' });
    expect(backwards.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.to' }] });
    expect(codeOf(await report(manager.token, { from: '2027-01-01', to: '2028-01-02' }))).toBe('BAD_USER_INPUT');
    expect((await reportOk({ from: '2027-01-03', to: '2028-01-03' })).total).toBe(129_000);
  });

  it('the organization’s members (STAFF too) and operators read it; another organization’s member, a market creator, the supplier and anonymous callers do not', async () => {
    const input = { from: '2027-12-28', to: '2028-01-03' };
    expect((await reportOk(input, staff.token)).total).toBe(129_000);
    expect((await reportOk(input, operator)).total).toBe(129_000);
    const outsider = await signUp(t, '남');
    const elsewhere = await signUp(t, '다른 기관 직원');
    const otherOwner = await signUp(t, '다른 기관장');
    const otherOrg = await publicInstitution('옆 동네 군청', otherOwner);
    await addMember(t, otherOrg, otherOwner.token, elsewhere, 'MANAGER');
    const creator = await signUp(t, '크리에이터');
    await becomeMarketCreator(t, creator.token);
    for (const token of [outsider.token, elsewhere.token, creator.token, cooperative.owner.token]) {
      expect(codeOf(await report(token, input))).toBe('NOT_FOUND');
    }
    expect(codeOf(await t.gql(REPORT, { input: { buyerOrganizationId: 'not-an-id', ...input } }, operator))).toBe('NOT_FOUND');
    expect(codeOf(await t.gql(REPORT, { input: { buyerOrganizationId: city, ...input } }))).toBe('UNAUTHENTICATED');
  });
});
