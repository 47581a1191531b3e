import { DataSource } from 'typeorm';
import { RequestContext } from '../../libs/common/src/index.js';
import { AccountKind, LedgerService, account } from '../../libs/ledger/src/index.js';
import { AGENCY, PAY, REVIEW, SUSPEND, REINSTATE, WITHDRAW, advanceTo, approvedAgency, payInvoice, viewAgency, type Invoice } from '../support/membership.js';
import { OPERATOR_ENV, addMember, createTestApp, logInOperator, signUp, type TestApp } from '../support/test-app.js';

/**
 * One STANDARD agency (30,000 won a month) over three billing periods, anchored on 2031-03-10:
 * 03-10..04-09 (paid at approval), 04-10..05-09 (paid on time), 05-10..06-09 (paid late, after suspension).
 */
describe('membership: dues over three billing periods', () => {
  let t: TestApp;
  let operator: string;
  let agency: Awaited<ReturnType<typeof approvedAgency>>;
  const view = () => viewAgency(t, agency.id, agency.owner.token);
  const regular = (invoices: Invoice[]) => invoices.filter((invoice) => invoice.kind === 'REGULAR');

  beforeAll(async () => {
    t = await createTestApp({ ...OPERATOR_ENV, DURE_TEST_CLOCK: '1' });
    operator = await logInOperator(t);
    await advanceTo(t, operator, '2031-03-10');
    agency = await approvedAgency(t, operator, { pay: false });
  });
  afterAll(() => t.close());

  it('approval issues the first invoice from the approval date, due that day, payable through payments', async () => {
    const before = await view();
    expect(before).toMatchObject({ status: 'AWAITING_DUES', activatedAt: null, duesPaidThrough: null, tier: { code: 'STANDARD' } });
    expect(before.duesInvoices).toEqual([
      expect.objectContaining({
        kind: 'REGULAR',
        status: 'OPEN',
        periodStart: '2031-03-10',
        periodEnd: '2031-04-09',
        dueDate: '2031-03-10',
        amount: 30_000,
        paidAt: null,
        tier: { code: 'STANDARD' },
        paymentRequest: { orderId: expect.stringMatching(/^dure_/), orderName: '두레 회비 STANDARD 2031-03-10~2031-04-09', amount: 30_000 },
        payment: { status: 'READY', amount: 30_000 },
      }),
    ]);
  });

  it("only the agency's owners and managers pay; a declined payment leaves the invoice payable", async () => {
    const [first] = (await view()).duesInvoices;
    const [outsider, staff] = [await signUp(t, '외부인'), await signUp(t, '직원')];
    await addMember(t, agency.organizationId, agency.owner.token, staff);
    const pay = (token: string, paymentKey = 'key_1') => t.gql(PAY, { input: { id: first.id, paymentKey } }, token);
    expect((await pay(outsider.token)).errors![0].extensions.code).toBe('NOT_FOUND');
    expect((await pay(staff.token)).errors![0].extensions.code).toBe('FORBIDDEN');
    expect((await pay(operator)).errors![0].extensions.code).toBe('FORBIDDEN');
    expect((await pay(agency.owner.token, 'sim_decline_card')).errors![0].extensions.code).toBe('PAYMENT_FAILED');
    expect(await view()).toMatchObject({ status: 'AWAITING_DUES', duesInvoices: [{ status: 'OPEN', paymentRequest: { amount: 30_000 } }] });
  });

  it('paying the first invoice activates the agency and posts the dues as platform revenue', async () => {
    const [first] = (await view()).duesInvoices;
    const paid = await payInvoice(t, first.id, agency.owner.token);
    expect(paid).toMatchObject({ status: 'PAID', paidAt: expect.any(String), payment: { status: 'PAID', amount: 30_000 } });
    const after = await view();
    expect(after).toMatchObject({ status: 'ACTIVE', activatedAt: expect.any(String), duesPaidThrough: '2031-04-09' });
    expect(after.duesInvoices[0].paymentRequest).toBeNull();
    expect(await t.app.get(LedgerService).balance(RequestContext.system(), account(AccountKind.PLATFORM_REVENUE_DUES))).toBe(30_000);
  });

  it('paying it again is INVALID_STATE and charges nothing', async () => {
    const [first] = (await view()).duesInvoices;
    const res = await t.gql(PAY, { input: { id: first.id, paymentKey: 'another_key' } }, agency.owner.token);
    expect(res.errors![0].extensions.code).toBe('INVALID_STATE');
    expect(await t.app.get(LedgerService).balance(RequestContext.system(), account(AccountKind.PLATFORM_REVENUE_DUES))).toBe(30_000);
  });

  it('issues the next invoice seven days before the period ends, not earlier', async () => {
    await advanceTo(t, operator, '2031-04-02');
    expect((await view()).duesInvoices).toHaveLength(1);
    await advanceTo(t, operator, '2031-04-03');
    const invoices = (await view()).duesInvoices;
    expect(invoices).toHaveLength(2);
    expect(invoices[1]).toMatchObject({
      status: 'OPEN',
      periodStart: '2031-04-10',
      periodEnd: '2031-05-09',
      dueDate: '2031-04-10',
      amount: 30_000,
      paymentRequest: { orderName: '두레 회비 STANDARD 2031-04-10~2031-05-09', amount: 30_000 },
    });
  });

  it('period 2 paid on time: stays ACTIVE, paid through its end', async () => {
    await advanceTo(t, operator, '2031-04-05');
    const second = (await view()).duesInvoices[1];
    await payInvoice(t, second.id, agency.owner.token);
    await advanceTo(t, operator, '2031-04-12');
    expect(await view()).toMatchObject({ status: 'ACTIVE', duesPaidThrough: '2031-05-09' });
  });

  it('period 3 paid late: OPEN on its due date, OVERDUE the day after, SUSPENDED once 14 days past due', async () => {
    await advanceTo(t, operator, '2031-05-10');
    let current = await view();
    const third = current.duesInvoices[2];
    expect(third).toMatchObject({ status: 'OPEN', periodStart: '2031-05-10', periodEnd: '2031-06-09', dueDate: '2031-05-10' });

    await advanceTo(t, operator, '2031-05-11');
    current = await view();
    expect(current.status).toBe('ACTIVE');
    expect(current.duesInvoices[2].status).toBe('OVERDUE');

    await advanceTo(t, operator, '2031-05-24');
    expect((await view()).status).toBe('ACTIVE');

    await advanceTo(t, operator, '2031-05-25');
    current = await view();
    expect(current).toMatchObject({ status: 'SUSPENDED', duesPaidThrough: '2031-05-09' });
    expect(current.duesInvoices[2].paymentRequest).toMatchObject({ amount: 30_000 });
  });

  it('a suspended agency is hidden from the public', async () => {
    const res = await t.gql(AGENCY, { id: agency.id });
    expect(res.errors![0].extensions.code).toBe('NOT_FOUND');
  });

  it('paying every overdue invoice makes it ACTIVE again', async () => {
    const third = (await view()).duesInvoices[2];
    await payInvoice(t, third.id, agency.owner.token);
    const current = await view();
    expect(current).toMatchObject({ status: 'ACTIVE', duesPaidThrough: '2031-06-09' });
    expect(regular(current.duesInvoices).map((invoice) => invoice.status)).toEqual(['PAID', 'PAID', 'PAID']);
    expect(await t.app.get(LedgerService).balance(RequestContext.system(), account(AccountKind.PLATFORM_REVENUE_DUES))).toBe(90_000);
    const [{ count }] = await t.app.get(DataSource).query(`SELECT count(*)::int AS count FROM journal_entry WHERE kind = 'DUES_PAID'`);
    expect(count).toBe(3);
  });

  it('an agency suspended for dues stays suspended while any invoice is still overdue', async () => {
    const late = await approvedAgency(t, operator, { name: '늦은 협동조합' }); // first period 05-25..06-24
    await advanceTo(t, operator, '2031-06-18'); // period 2 (06-25..07-24) issued
    await advanceTo(t, operator, '2031-07-18'); // period 3 (07-25..08-24) issued; period 2 overdue since 06-26, grace over 07-09
    const invoices = (await viewAgency(t, late.id, late.owner.token)).duesInvoices;
    expect(invoices.map((invoice) => invoice.status)).toEqual(['PAID', 'OVERDUE', 'OPEN']);
    expect((await viewAgency(t, late.id, late.owner.token)).status).toBe('SUSPENDED');
    await advanceTo(t, operator, '2031-07-26'); // period 3 overdue too
    await payInvoice(t, invoices[1].id, late.owner.token);
    expect((await viewAgency(t, late.id, late.owner.token)).status).toBe('SUSPENDED');
    await payInvoice(t, invoices[2].id, late.owner.token);
    expect((await viewAgency(t, late.id, late.owner.token)).status).toBe('ACTIVE');
  });

  it("an operator's suspension is not lifted by paying dues, only by reinstatement", async () => {
    const fined = await approvedAgency(t, operator, { name: '정지된 협동조합' });
    await t.ok(SUSPEND, { id: fined.id, reason: '윤리강령 위반 조사 중' }, operator);
    await advanceTo(t, operator, '2031-08-20'); // next invoice issued (period from 08-26)
    await advanceTo(t, operator, '2031-08-27'); // … and overdue
    const overdue = (await viewAgency(t, fined.id, fined.owner.token)).duesInvoices[1];
    expect(overdue.status).toBe('OVERDUE');
    await payInvoice(t, overdue.id, fined.owner.token);
    expect((await viewAgency(t, fined.id, fined.owner.token)).status).toBe('SUSPENDED');
    await t.ok(REINSTATE, { id: fined.id }, operator);
    expect((await viewAgency(t, fined.id, fined.owner.token)).status).toBe('ACTIVE');
  });

  it('reinstatement gives a fresh grace period for invoices still unpaid', async () => {
    const debtor = await approvedAgency(t, operator, { name: '밀린 협동조합' }); // first period 08-27..09-26
    await advanceTo(t, operator, '2031-09-20');
    await advanceTo(t, operator, '2031-10-12'); // period 2 due 09-27, grace ended 10-11
    expect((await viewAgency(t, debtor.id, debtor.owner.token)).status).toBe('SUSPENDED');
    await t.ok(REINSTATE, { id: debtor.id }, operator);
    await advanceTo(t, operator, '2031-10-26'); // 14 days after reinstatement: still inside the grace
    expect((await viewAgency(t, debtor.id, debtor.owner.token)).status).toBe('ACTIVE');
    await advanceTo(t, operator, '2031-10-27');
    expect((await viewAgency(t, debtor.id, debtor.owner.token)).status).toBe('SUSPENDED');
  });

  it('withdrawal voids every unpaid invoice, and nothing more is issued', async () => {
    const leaving = await approvedAgency(t, operator, { name: '떠나는 협동조합' }); // first period 10-27..11-26
    await advanceTo(t, operator, '2031-11-20');
    const before = (await viewAgency(t, leaving.id, leaving.owner.token)).duesInvoices;
    expect(before.map((invoice) => invoice.status)).toEqual(['PAID', 'OPEN']);

    const res = await t.ok(WITHDRAW, { id: leaving.id, reason: '사업 종료' }, leaving.owner.token);
    expect(res.withdrawPartnerAgency.status).toBe('WITHDRAWN');
    const after = (await viewAgency(t, leaving.id, leaving.owner.token)).duesInvoices;
    expect(after.map((invoice) => invoice.status)).toEqual(['PAID', 'VOID']);
    expect(after[1]).toMatchObject({ paymentRequest: null, payment: { status: 'FAILED' } });
    expect((await t.gql(PAY, { input: { id: after[1].id, paymentKey: 'late' } }, leaving.owner.token)).errors![0].extensions.code).toBe('INVALID_STATE');

    await advanceTo(t, operator, '2032-01-20');
    expect((await viewAgency(t, leaving.id, leaving.owner.token)).duesInvoices).toHaveLength(2);
    expect((await t.gql(REVIEW, { input: { id: leaving.id, decision: 'APPROVE' } }, operator)).errors![0].extensions.code).toBe('INVALID_STATE');
  });
});
