import { ESLint } from 'eslint';

/**
 * The lint rule in eslint.config.js (STRAY_STATUS_CHANGES) that keeps StatusTransitions the one way a
 * status changes: a sample of every bypass it must refuse, and what it must let through.
 */
describe('the lint rule against stray status changes', () => {
  const eslint = new ESLint({ cwd: process.cwd() });

  async function problems(code: string, filePath = 'libs/affiliate/src/sample.ts'): Promise<number> {
    const [result] = await eslint.lintText(code, { filePath });
    return result.messages.filter((message) => message.ruleId === 'no-restricted-syntax').length;
  }

  it.each([
    ['an assignment', `export function f(c: { status: string }) { c.status = 'PAID'; }`],
    ['Object.assign', `export function f(c: object) { Object.assign(c, { status: 'PAID', paidAt: new Date() }); }`],
    ['a repository update', `export function f(repo: any) { return repo.update('id', { status: 'PAID' }); }`],
    ['a query builder set', `export function f(qb: any) { return qb.update().set({ status: 'PAID' }).execute(); }`],
    ['a merge', `export function f(repo: any, c: object) { return repo.merge(c, { status: 'PAID' }); }`],
    ['SQL', `export function f(db: any) { return db.query("UPDATE commission SET paid_at = now(), status = 'PAID' WHERE id = $1"); }`],
    ['SQL in a template', 'export function f(db: any, t: string) { return db.query(`UPDATE ${t} SET status = $1`); }'],
  ])('refuses %s outside libs/common/src/state', async (_what, code) => {
    expect(await problems(code)).toBe(1);
    expect(await problems(code, 'apps/api/src/sample.ts')).toBe(1);
  });

  it('lets the one path write it, rows be created in their first status, and statuses be read or compared', async () => {
    expect(await problems(`export function f(c: { status: string }) { c.status = 'PAID'; }`, 'libs/common/src/state/sample.ts')).toBe(0);
    expect(await problems(`export function f(repo: any) { return repo.save(repo.create({ status: 'PENDING' })); }`)).toBe(0);
    expect(await problems(`export function f(qb: any) { return qb.insert().values({ status: 'PENDING' }).execute(); }`)).toBe(0);
    expect(await problems(`export function f(qb: any) { return qb.update().set({ payoutId: 'p' }).where('status = :approved').execute(); }`)).toBe(0);
    expect(await problems(`export function f(db: any) { return db.query("UPDATE job SET run_at = now() WHERE status = 'DUE'"); }`)).toBe(0);
  });
});
