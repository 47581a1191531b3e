import { CREATE_LINK, becomeMarketCreator, trackClick } from '../support/affiliate.js';
import { advanceTo, bookableService } from '../support/booking.js';
import { activePartnerAgency, agencyMember, type Agency, type User } from '../support/catalog.js';
import { SET_CART_LINE, checkout, goodsListing } from '../support/commerce.js';
import { OPERATOR_ENV, createTestApp, logInOperator, signUp, type GraphQLResponse, type TestApp } from '../support/test-app.js';
import { RequestContext, TransactionalConnection } from '../../libs/common/src/index.js';
import { PaymentService } from '../../libs/payments/src/index.js';

const STATEMENT_FIELDS = `id month status grossSales returns agencyDiscounts salesBase platformDiscounts platformFee platformFeeVat commissions
  shipping adjustments carriedOver netPayable issuedAt disputeDeadline disputeReason resolutionNote payableOn paidAt transferReference
  partnerAgency { id }
  lines(first: 10) { totalCount nodes { kind description grossSales returns agencyDiscount platformDiscount salesBase platformFeeRateBps
    platformFee commission shipping adjustment net order { id } orderLine { id } reservation { id } } }`;
const STATEMENTS = `query($agency: ID, $month: String) { settlementStatements(partnerAgencyId: $agency, month: $month, first: 2) { totalCount nodes { ${STATEMENT_FIELDS} } } }`;
const GENERATE = `mutation($month: String!) { generateSettlementStatements(month: $month) { id month status } }`;
const ISSUE = `mutation($id: ID!) { issueSettlementStatement(statementId: $id) { ${STATEMENT_FIELDS} } }`;
const DISPUTE = `mutation($id: ID!, $reason: String!) { disputeSettlementStatement(statementId: $id, reason: $reason) { ${STATEMENT_FIELDS} } }`;
const RESOLVE = `mutation($id: ID!, $note: String!) { resolveSettlementDispute(statementId: $id, note: $note) { ${STATEMENT_FIELDS} } }`;
const ADJUST = `mutation($id: ID!, $amount: SignedMoney!, $description: String!) {
  addSettlementAdjustment(statementId: $id, amount: $amount, description: $description) { ${STATEMENT_FIELDS} } }`;
const MARK_PAID = `mutation($id: ID!, $ref: String!) { markSettlementPaid(statementId: $id, transferReference: $ref) { ${STATEMENT_FIELDS} } }`;
const SET_PAYOUT_ACCOUNT = `mutation($id: ID!, $input: PayoutAccountInput!) {
  setPartnerAgencyPayoutAccount(partnerAgencyId: $id, input: $input) { id payoutAccount { bankCode maskedAccountNumber accountHolder } } }`;
const PAYOUT_ACCOUNT = `query($id: ID!) { partnerAgency(id: $id) { payoutAccount { maskedAccountNumber } } }`;
const PAY_CHECKOUT = `mutation($input: PayInput!) { payCheckout(input: $input) { id orders { id lines { id } } } }`;
const SHIP = `mutation($input: ShipOrderInput!) { shipOrder(input: $input) { id } }`;
const CONFIRM = `mutation($id: ID!) { confirmOrder(orderId: $id) { id status } }`;
const CANCEL = `mutation($input: CancelOrderInput!) { cancelOrder(input: $input) { id refundedAmount } }`;
const RESERVE = `mutation($input: ReserveInput!) { reserve(input: $input) { id } }`;
const PAY_RESERVATION = `mutation($input: PayInput!) { payReservation(input: $input) { id amount } }`;
const COMPLETE = `mutation($id: ID!) { completeReservation(reservationId: $id) { id status commission { amount status } } }`;

type Line = Record<string, unknown> & { kind: string };
type Statement = Record<string, unknown> & { id: string; netPayable: number; lines: { totalCount: number; nodes: Line[] } };

const codeOf = (res: GraphQLResponse) => res.errors?.[0]?.extensions.code;

/**
 * docs/RULES.md §22 over HTTP on one timeline in 2027 (the test clock only moves forward from 2026): an agency
 * on STANDARD (600 bps) sells in February and March, and its statements come from the monthly job, the
 * worked example's lines that exist on this branch reproduced to the won (O-C with its unit cancelled before
 * shipment rather than returned, the care reservation with its creator, O-Z's refund after settlement), the
 * invariant against the buyers' money and the agency's payable account in the ledger, dispute and payment,
 * and a negative month carried over.
 */
describe('settlement statements (docs/RULES.md §22)', () => {
  let t: TestApp;
  let operator: string;
  let sunny: Agency;
  let manager: User;
  let staff: User;
  let buyer: User;
  let perilla: string;
  let socks: string;
  let care: string;
  let orderZ: { checkoutId: string; orderId: string };
  let february: Statement;
  let march: Statement;

  beforeAll(async () => {
    t = await createTestApp({ ...OPERATOR_ENV, DURE_TEST_CLOCK: '1' });
    operator = await logInOperator(t);
    await advanceTo(t, operator, '2027-02-01T01:00:00Z');
    sunny = await activePartnerAgency(t, operator, { name: '햇살 협동조합' });
    manager = await agencyMember(t, sunny, 'MANAGER');
    staff = await agencyMember(t, sunny, 'STAFF');
    buyer = await signUp(t, '김구매');
    perilla = await goodsListing(t, sunny, { stock: 50 }, { title: '들기름', price: 40_000 });
    socks = await goodsListing(t, sunny, { stock: 50, freeShippingOver: 1_000_000 }, { title: '양말', price: 10_000 });
    care = await bookableService(t, sunny, {}, { title: '방문 돌봄', price: 55_000 });
  });
  afterAll(() => t.close());

  /** Buys `quantity` of `listingId` and pays: the checkout, its one order and the order's one line. */
  async function bought(listingId: string, quantity: number): Promise<{ checkoutId: string; orderId: string; lineId: string }> {
    await t.ok(SET_CART_LINE, { listingId, quantity }, buyer.token);
    const res = await checkout(t, buyer.token);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    const checkoutId = res.data!.checkout.id;
    const paid = (await t.ok(PAY_CHECKOUT, { input: { id: checkoutId, paymentKey: `pk_${checkoutId}` } }, buyer.token)).payCheckout;
    return { checkoutId, orderId: paid.orders[0].id, lineId: paid.orders[0].lines[0].id };
  }
  async function shipAndConfirm(orderId: string): Promise<void> {
    await t.ok(SHIP, { input: { orderId, carrier: 'DIRECT' } }, sunny.owner.token);
    expect((await t.ok(CONFIRM, { id: orderId }, buyer.token)).confirmOrder.status).toBe('CONFIRMED');
  }
  /** The provider refunds part of a paid checkout (as the operator's refundOrder of the returns work will). */
  async function providerRefund(checkoutId: string, amount: number, refundKey: string): Promise<void> {
    const connection = t.app.get(TransactionalConnection);
    const ctx = RequestContext.system();
    await connection.withTransaction(ctx, async () => {
      const [{ payment_id }] = await connection.manager(ctx).query(`SELECT payment_id FROM checkout WHERE id = $1`, [checkoutId]);
      await t.app.get(PaymentService).refund(ctx, { paymentId: payment_id, amount, reason: '정산 후 환불', refundKey });
    });
  }
  /** What the ledger moved on the agency's payable account during a KST month (credit positive). */
  async function payableMovement(month: string, next: string): Promise<number> {
    const [{ sum }] = await t.app.get(TransactionalConnection).dataSource.query(
      `SELECT COALESCE(-SUM(p.amount), 0)::bigint AS sum FROM posting p JOIN journal_entry e ON e.id = p.entry_id
        WHERE p.account = 'PARTNER_AGENCY_PAYABLE' AND p.owner_id = $1 AND e.created_at >= $2 AND e.created_at < $3 AND e.kind <> 'PAYOUT_PAID'`,
      [sunny.id, `${month}-01T00:00:00+09:00`, `${next}-01T00:00:00+09:00`],
    );
    return Number(sum);
  }
  const statementOf = async (month: string, token = sunny.owner.token): Promise<Statement> => {
    const { settlementStatements } = await t.ok(STATEMENTS, { agency: sunny.id, month }, token);
    expect(settlementStatements.totalCount).toBe(1);
    return settlementStatements.nodes[0];
  };

  it('February: O-Z is confirmed; the month is not over yet (BAD_USER_INPUT); the 1st 01:00 job makes the DRAFT', async () => {
    // PartnerAgency.payoutAccount is for members and operators (docs/RULES.md §25), asked while the agency is public.
    expect(codeOf(await t.gql(PAYOUT_ACCOUNT, { id: sunny.id }, buyer.token))).toBe('FORBIDDEN');
    expect((await t.ok(PAYOUT_ACCOUNT, { id: sunny.id }, operator)).partnerAgency.payoutAccount).toBeNull();
    const z = await bought(perilla, 1);
    orderZ = { checkoutId: z.checkoutId, orderId: z.orderId };
    await shipAndConfirm(z.orderId);
    const early = await t.gql(GENERATE, { month: '2027-02' }, operator);
    expect(early.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'month' }] });

    await advanceTo(t, operator, '2027-02-28T15:59:00Z');
    expect((await t.ok(STATEMENTS, { agency: sunny.id, month: '2027-02' }, sunny.owner.token)).settlementStatements.totalCount).toBe(0);
    await advanceTo(t, operator, '2027-03-01T00:00:00Z');
    february = await statementOf('2027-02');
    expect(february).toMatchObject({
      month: '2027-02',
      status: 'DRAFT',
      grossSales: 40_000,
      returns: 0,
      salesBase: 40_000,
      platformFee: 2_400,
      platformFeeVat: 218,
      commissions: 0,
      shipping: 0,
      netPayable: 37_600,
      payableOn: '2027-03-15',
      partnerAgency: { id: sunny.id },
    });
    expect(february.lines.nodes).toEqual([
      expect.objectContaining({ kind: 'ORDER_LINE', salesBase: 40_000, platformFeeRateBps: 600, net: 37_600, order: { id: z.orderId } }),
    ]);
    expect(await payableMovement('2027-02', '2027-03')).toBe(february.netPayable);
    const issued = (await t.ok(ISSUE, { id: february.id }, operator)).issueSettlementStatement;
    expect(issued).toMatchObject({ status: 'ISSUED', issuedAt: expect.stringMatching(/^2027-03-01T00:00/) });
    expect(Date.parse(issued.disputeDeadline) - Date.parse(issued.issuedAt)).toBe(7 * 24 * 3600_000);
  });

  it('March: the worked example’s O-C, the care reservation with its creator and O-Z’s refund after settlement, to the won', async () => {
    await advanceTo(t, operator, '2027-03-05T01:00:00Z');
    const c = await bought(socks, 3);
    const cancelled = (await t.ok(CANCEL, { input: { orderId: c.orderId, lines: [{ orderLineId: c.lineId, quantity: 1 }] } }, buyer.token)).cancelOrder;
    expect(cancelled.refundedAmount).toBe(10_000);
    await shipAndConfirm(c.orderId);

    const creatorUser = await signUp(t, '박크리에이터');
    await becomeMarketCreator(t, creatorUser.token);
    const link = await t.ok(CREATE_LINK, { input: { listingId: care } }, creatorUser.token);
    const { token } = await trackClick(t, link.createReferralLink.code, { token: buyer.token });
    const reserved = await t.ok(
      RESERVE,
      { input: { listingId: care, startsAt: '2027-03-12T01:00:00Z', idempotencyKey: 'care-0312', attributionToken: token } },
      buyer.token,
    );
    await t.ok(PAY_RESERVATION, { input: { id: reserved.reserve.id, paymentKey: `pk_${reserved.reserve.id}` } }, buyer.token);
    await advanceTo(t, operator, '2027-03-12T02:30:00Z');
    expect((await t.ok(COMPLETE, { id: reserved.reserve.id }, sunny.owner.token)).completeReservation.commission).toEqual({
      amount: 5_500,
      status: 'APPROVED',
    });

    await advanceTo(t, operator, '2027-03-15T01:00:00Z');
    await providerRefund(orderZ.checkoutId, 5_000, 'oz-0315');

    await advanceTo(t, operator, '2027-04-01T00:00:00Z');
    march = await statementOf('2027-03');
    const byKind = (kind: string) => march.lines.nodes.filter((line) => line.kind === kind);
    expect(byKind('ORDER_LINE')).toEqual([
      expect.objectContaining({
        grossSales: 30_000,
        returns: 10_000,
        agencyDiscount: 0,
        salesBase: 20_000,
        platformFee: 1_200,
        commission: 0,
        net: 18_800,
        orderLine: { id: c.lineId },
      }),
    ]);
    expect(byKind('SHIPPING')).toEqual([expect.objectContaining({ shipping: 3_000, net: 3_000, platformFee: 0, order: { id: c.orderId } })]);
    expect(byKind('RESERVATION')).toEqual([
      expect.objectContaining({
        grossSales: 55_000,
        salesBase: 55_000,
        platformFee: 3_300,
        commission: 5_500,
        net: 46_200,
        reservation: { id: reserved.reserve.id },
      }),
    ]);
    expect(byKind('POST_SETTLEMENT_REFUND')).toEqual([
      expect.objectContaining({
        grossSales: 0,
        returns: 5_000,
        salesBase: -5_000,
        platformFee: -300,
        commission: 0,
        net: -4_700,
        order: { id: orderZ.orderId },
      }),
    ]);
    expect(march).toMatchObject({
      status: 'DRAFT',
      grossSales: 85_000,
      returns: 15_000,
      agencyDiscounts: 0,
      platformDiscounts: 0,
      salesBase: 70_000,
      platformFee: 4_200,
      platformFeeVat: 382,
      commissions: 5_500,
      shipping: 3_000,
      adjustments: 0,
      carriedOver: 0,
      netPayable: 63_300,
      payableOn: '2027-04-15',
    });
    // The invariant: what buyers kept = net + commissions + fee − platform discounts, and the ledger's month agrees.
    const buyersKept = 33_000 - 10_000 + 55_000 - 5_000;
    expect(march.netPayable + (march.commissions as number) + (march.platformFee as number) - (march.platformDiscounts as number)).toBe(buyersKept);
    expect(await payableMovement('2027-03', '2027-04')).toBe(march.netPayable);

    // The CSV for the agency's bookkeeper, byte for byte: BOM, Korean headers, CRLF, a line per row, 합계, the fee's VAT.
    const { csv } = (await t.ok(`query($id: ID!) { settlementStatement(id: $id) { csv } }`, { id: march.id }, staff.token)).settlementStatement;
    const [orderLine, shipping, careLine, refund] = ['ORDER_LINE', 'SHIPPING', 'RESERVATION', 'POST_SETTLEMENT_REFUND'].map(
      (kind) => byKind(kind)[0].description,
    );
    expect(csv).toBe(
      '\uFEFF' +
        [
          '일자,구분,내용,판매금액,반품,판매자 할인,플랫폼 할인,정산대상금액,수수료율(%),수수료,추천 수수료,배송비,조정,정산금액',
          `2027-03-05,상품,${orderLine},30000,10000,0,0,20000,6,1200,0,0,0,18800`,
          `2027-03-05,배송비,${shipping},0,0,0,0,0,,0,0,3000,0,3000`,
          `2027-03-12,서비스 예약,${careLine},55000,0,0,0,55000,6,3300,5500,0,0,46200`,
          `2027-03-15,정산 후 환불,${refund},0,5000,0,0,-5000,6,-300,0,0,0,-4700`,
          ',합계,2027-03 정산,85000,15000,0,0,70000,,4200,5500,3000,0,63300',
          ',수수료 부가세,수수료에 포함된 부가세,,,,,,,382,,,,',
        ].join('\r\n') +
        '\r\n',
    );
  });

  it('generation is idempotent per agency and month', async () => {
    const again = (await t.ok(GENERATE, { month: '2027-03' }, operator)).generateSettlementStatements;
    expect(again.filter((statement: { id: string }) => statement.id === march.id)).toEqual([{ id: march.id, month: '2027-03', status: 'DRAFT' }]);
    expect((await statementOf('2027-03')).lines.totalCount).toBe(4);
  });

  it('payment needs the dispute window over, a positive net and a payout account; members read the account masked', async () => {
    const paid = { id: february.id, ref: 'KB-20270401-001' };
    expect(codeOf(await t.gql(MARK_PAID, paid, operator))).toBe('INVALID_STATE');
    expect(
      codeOf(
        await t.gql(
          SET_PAYOUT_ACCOUNT,
          { id: sunny.id, input: { bankCode: '004', accountNumber: '123-45-678901', accountHolder: '햇살 협동조합' } },
          staff.token,
        ),
      ),
    ).toBe('FORBIDDEN');
    const set = await t.ok(
      SET_PAYOUT_ACCOUNT,
      { id: sunny.id, input: { bankCode: '004', accountNumber: '123-45-678901', accountHolder: '햇살 협동조합' } },
      manager.token,
    );
    expect(set.setPartnerAgencyPayoutAccount.payoutAccount).toEqual({ bankCode: '004', maskedAccountNumber: '*******8901', accountHolder: '햇살 협동조합' });
    expect((await t.ok(PAYOUT_ACCOUNT, { id: sunny.id }, staff.token)).partnerAgency.payoutAccount).toEqual({ maskedAccountNumber: '*******8901' });

    expect((await t.ok(MARK_PAID, paid, operator)).markSettlementPaid).toMatchObject({
      status: 'PAID',
      paidAt: expect.stringMatching(/^2027-04-01T00:00/),
      transferReference: 'KB-20270401-001',
    });
    expect(codeOf(await t.gql(MARK_PAID, paid, operator))).toBe('INVALID_STATE');
    // Its OWNER and MANAGER hear of it once (docs/RULES.md §22, notifications); STAFF do not.
    const settlementNotices = async (token: string) =>
      ((await t.ok(`{ myNotifications(first: 50) { nodes { kind title body link } } }`, {}, token)).myNotifications.nodes as Array<{ kind: string }>).filter(
        (notice) => notice.kind === 'SETTLEMENT_PAID',
      );
    for (const token of [sunny.owner.token, manager.token]) {
      expect(await settlementNotices(token)).toEqual([
        {
          kind: 'SETTLEMENT_PAID',
          title: '정산금이 지급되었어요',
          body: '2027년 2월 정산금 37,600원을 등록하신 계좌로 보냈어요. 정산서에서 내역을 확인하실 수 있어요.',
          link: `/partner-agencies/${sunny.id}/settlements/${paid.id}`,
        },
      ]);
    }
    expect(await settlementNotices(staff.token)).toEqual([]);
    // The transfer leaves the agency's payable account once (PAYOUT_PAID), beside the months' movements.
    const [{ paidOut }] = await t.app.get(TransactionalConnection).dataSource.query(
      `SELECT SUM(p.amount)::int AS "paidOut" FROM posting p JOIN journal_entry e ON e.id = p.entry_id
        WHERE p.account = 'PARTNER_AGENCY_PAYABLE' AND p.owner_id = $1 AND e.kind = 'PAYOUT_PAID'`,
      [sunny.id],
    );
    expect(paidOut).toBe(37_600);
  });

  it('dispute: OWNER/MANAGER once within the window (staff FORBIDDEN, operators FORBIDDEN, outsiders NOT_FOUND); adjustments while disputed', async () => {
    const outsider = await activePartnerAgency(t, operator, { name: '달빛 공방' });
    expect(codeOf(await t.gql(DISPUTE, { id: march.id, reason: '수수료 확인' }, manager.token))).toBe('INVALID_STATE');
    const { issuedAt } = (await t.ok(ISSUE, { id: march.id }, operator)).issueSettlementStatement;
    expect(codeOf(await t.gql(ISSUE, { id: march.id }, operator))).toBe('INVALID_STATE');
    expect(codeOf(await t.gql(DISPUTE, { id: march.id, reason: '수수료 확인' }, staff.token))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(DISPUTE, { id: march.id, reason: '수수료 확인' }, operator))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(DISPUTE, { id: march.id, reason: '수수료 확인' }, outsider.owner.token))).toBe('NOT_FOUND');
    expect(codeOf(await t.gql(ADJUST, { id: march.id, amount: 1_000, description: '택배비 누락' }, operator))).toBe('INVALID_STATE');

    const disputed = (await t.ok(DISPUTE, { id: march.id, reason: '택배비 정산 누락' }, manager.token)).disputeSettlementStatement;
    expect(disputed).toMatchObject({ status: 'DISPUTED', disputeReason: '택배비 정산 누락' });
    expect((await t.gql(ADJUST, { id: march.id, amount: 1_000, description: ' ' }, operator)).errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'description' }],
    });
    const adjusted = (await t.ok(ADJUST, { id: march.id, amount: 1_000, description: '택배비 누락분' }, operator)).addSettlementAdjustment;
    expect(adjusted).toMatchObject({ adjustments: 1_000, netPayable: 64_300, status: 'DISPUTED' });
    expect(adjusted.lines.nodes.at(-1)).toMatchObject({ kind: 'ADJUSTMENT', description: '택배비 누락분', adjustment: 1_000, net: 1_000 });
    const resolved = (await t.ok(RESOLVE, { id: march.id, note: '누락분 가산' }, operator)).resolveSettlementDispute;
    expect(resolved).toMatchObject({ status: 'ISSUED', resolutionNote: '누락분 가산', issuedAt });
    expect(codeOf(await t.gql(DISPUTE, { id: march.id, reason: '다시' }, sunny.owner.token))).toBe('INVALID_STATE');

    expect(codeOf(await t.gql(MARK_PAID, { id: march.id, ref: 'KB-1' }, operator))).toBe('INVALID_STATE');
    await advanceTo(t, operator, '2027-04-08T00:01:00Z');
    expect((await t.ok(MARK_PAID, { id: march.id, ref: 'KB-20270408-001' }, operator)).markSettlementPaid.status).toBe('PAID');
  });

  it('a negative month is carried over: its statement is CARRIED_OVER and the next month has a statement with the balance', async () => {
    await advanceTo(t, operator, '2027-04-10T01:00:00Z');
    await providerRefund(orderZ.checkoutId, 30_000, 'oz-0410');
    await advanceTo(t, operator, '2027-05-01T00:00:00Z');
    const april = await statementOf('2027-04');
    expect(april).toMatchObject({ returns: 30_000, salesBase: -30_000, platformFee: -1_800, netPayable: -28_200, platformFeeVat: -164 });
    expect(await payableMovement('2027-04', '2027-05')).toBe(-28_200);
    await t.ok(ISSUE, { id: april.id }, operator);
    await advanceTo(t, operator, '2027-05-09T00:00:00Z');
    expect(codeOf(await t.gql(MARK_PAID, { id: april.id, ref: 'KB-2' }, operator))).toBe('INVALID_STATE');

    await advanceTo(t, operator, '2027-06-01T00:00:00Z');
    expect((await statementOf('2027-04')).status).toBe('CARRIED_OVER');
    const may = await statementOf('2027-05');
    expect(may).toMatchObject({ status: 'DRAFT', grossSales: 0, carriedOver: -28_200, adjustments: 0, netPayable: -28_200 });
    expect(may.lines.nodes).toEqual([expect.objectContaining({ kind: 'CARRIED_BALANCE', adjustment: -28_200, net: -28_200 })]);
  });

  it('the operator’s generation waits while a job due before the month’s end has not run (INVALID_STATE)', async () => {
    const dataSource = t.app.get(TransactionalConnection).dataSource;
    const [{ id }] = await dataSource.query(
      `INSERT INTO job (name, payload, run_at, created_at) VALUES ('test.finalizing', '{}', '2027-05-31T10:00:00Z', now()) RETURNING id`,
    );
    expect(codeOf(await t.gql(GENERATE, { month: '2027-05' }, operator))).toBe('INVALID_STATE');
    await dataSource.query(`UPDATE job SET state = 'done' WHERE id = $1`, [id]);
    const statements = (await t.ok(GENERATE, { month: '2027-05' }, operator)).generateSettlementStatements;
    expect(statements.map((statement: { month: string }) => statement.month)).toEqual(['2027-05']);
  });

  it('reads: members name their agency (BAD_USER_INPUT without it), other agencies NOT_FOUND, operators list all', async () => {
    const other = await activePartnerAgency(t, operator, { name: '별빛 공방' });
    expect((await t.gql(STATEMENTS, {}, sunny.owner.token)).errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'partnerAgencyId' }],
    });
    expect(codeOf(await t.gql(STATEMENTS, { agency: sunny.id }, other.owner.token))).toBe('NOT_FOUND');
    expect(codeOf(await t.gql(`query($id: ID!) { settlementStatement(id: $id) { id } }`, { id: march.id }, other.owner.token))).toBe('NOT_FOUND');
    expect((await t.ok(`query($id: ID!) { settlementStatement(id: $id) { id } }`, { id: march.id }, staff.token)).settlementStatement).toEqual({
      id: march.id,
    });
    const all = (await t.ok(`{ settlementStatements(first: 100) { nodes { month partnerAgency { id } } } }`, {}, operator)).settlementStatements.nodes;
    const statementsFor = async (first: number) => {
      t.queries.count = 0;
      const { settlementStatements } = await t.ok(
        `query($first: Int!) { settlementStatements(partnerAgencyId: "${sunny.id}", first: $first) {
          nodes { partnerAgency { id } lines(first: 5) { totalCount nodes { order { id } orderLine { id } reservation { id } } } } } }`,
        { first },
        operator,
      );
      return { count: t.queries.count, statements: settlementStatements.nodes.length };
    };
    // Three months already hold every kind of line the fourth adds.
    const three = await statementsFor(3);
    const four = await statementsFor(4);
    expect([three.statements, four.statements]).toEqual([3, 4]);
    expect(four.count).toBe(three.count);
    expect(
      all.filter((statement: { partnerAgency: { id: string } }) => statement.partnerAgency.id === sunny.id).map((s: { month: string }) => s.month),
    ).toEqual(['2027-05', '2027-04', '2027-03', '2027-02']);
  });
});
