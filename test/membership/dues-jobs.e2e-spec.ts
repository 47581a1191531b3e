import { DataSource } from 'typeorm';
import { ClockService, JobQueueService, RequestContext, TransactionalConnection } from '../../libs/common/src/index.js';
import { DUES_AGENCY_JOB, DuesScheduler } from '../../libs/membership/src/index.js';
import { advanceTo, approvedAgency, seoulNoon, viewAgency } from '../support/membership.js';
import { OPERATOR_ENV, createTestApp, logInOperator, type TestApp } from '../support/test-app.js';

/** Several processes running the dues jobs at once never issue an invoice twice. */
describe('membership: dues jobs', () => {
  let t: TestApp;
  let operator: string;
  let agencies: Array<Awaited<ReturnType<typeof approvedAgency>>>;

  /** Like another process: its own context and transaction. */
  const inTransaction = (work: (ctx: RequestContext) => Promise<void>) => {
    const ctx = RequestContext.system();
    return t.app.get(TransactionalConnection).withTransaction(ctx, () => work(ctx));
  };
  /** Moves the clock without running any job, as if no worker had looked yet. */
  const moveClock = (date: string) => t.app.get(ClockService).moveTo(new Date(seoulNoon(date)));
  const regularPeriods = async (id: string) =>
    (
      await t.app
        .get(DataSource)
        .query(`SELECT period_start::text AS start FROM dues_invoice WHERE partner_agency_id = $1 AND kind = 'REGULAR' ORDER BY period_start`, [id])
    ).map((row: { start: string }) => row.start);

  beforeAll(async () => {
    t = await createTestApp({ ...OPERATOR_ENV, DURE_TEST_CLOCK: '1' });
    operator = await logInOperator(t);
    await advanceTo(t, operator, '2031-03-10');
    agencies = [];
    for (let i = 0; i < 4; i++) agencies.push(await approvedAgency(t, operator, { name: `협동조합 ${i}` }));
  });
  afterAll(() => t.close());

  it('sweeps running at once queue one job per agency, and workers running at once issue one invoice per period', async () => {
    moveClock('2031-04-03');
    const scheduler = t.app.get(DuesScheduler);
    await Promise.all([
      inTransaction((ctx) => scheduler.sweep(ctx)),
      inTransaction((ctx) => scheduler.sweep(ctx)),
      inTransaction((ctx) => scheduler.sweep(ctx)),
    ]);
    const [{ queued }] = await t.app.get(DataSource).query(`SELECT count(*)::int AS queued FROM job WHERE name = $1 AND state = 'queued'`, [DUES_AGENCY_JOB]);
    expect(queued).toBe(agencies.length);
    const queue = t.app.get(JobQueueService);
    await Promise.all([queue.runDue(), queue.runDue(), queue.runDue()]);
    for (const agency of agencies) expect(await regularPeriods(agency.id)).toEqual(['2031-03-10', '2031-04-10']);
  });

  it("one agency's work run by several processes at once issues its invoice once", async () => {
    moveClock('2031-05-03');
    const [agency] = agencies;
    const scheduler = t.app.get(DuesScheduler);
    await Promise.all(Array.from({ length: 4 }, () => inTransaction((ctx) => scheduler.settleAgency(ctx, agency.id))));
    expect(await regularPeriods(agency.id)).toEqual(['2031-03-10', '2031-04-10', '2031-05-10']);
  });

  it('the database itself refuses a second regular invoice for a period', async () => {
    const [agency] = agencies;
    const duplicate = t.app.get(DataSource).query(
      `INSERT INTO dues_invoice (partner_agency_id, tier_id, kind, period_start, period_end, amount, status, due_date, created_at)
       SELECT partner_agency_id, tier_id, kind, period_start, period_end, amount, 'OPEN', due_date, now() FROM dues_invoice
        WHERE partner_agency_id = $1 AND period_start = '2031-05-10'`,
      [agency.id],
    );
    await expect(duplicate).rejects.toMatchObject({ driverError: { constraint: 'dues_invoice_period_uq' } });
  });

  it('after a pause the jobs catch up: every missed period is issued, overdue at once, and the agency suspended', async () => {
    const [, agency] = agencies;
    await advanceTo(t, operator, '2031-07-05');
    expect(await regularPeriods(agency.id)).toEqual(['2031-03-10', '2031-04-10', '2031-05-10', '2031-06-10', '2031-07-10']);
    const view = await viewAgency(t, agency.id, agency.owner.token);
    expect(view.duesInvoices.map((invoice) => invoice.status)).toEqual(['PAID', 'OVERDUE', 'OVERDUE', 'OVERDUE', 'OPEN']);
    expect(view.status).toBe('SUSPENDED');
  });
});
