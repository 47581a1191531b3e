import { DemoDataRegistry } from '../../libs/common/src/index.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('membership: demo data', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('makes the demo cooperative an ACTIVE STANDARD partner agency with its first dues paid, once', async () => {
    await t.app.get(DemoDataRegistry).seedAll();
    await t.app.get(DemoDataRegistry).seedAll();
    const logIn = await t.ok(`mutation { logIn(input: { email: "coop@dure.local", password: "dure-coop-demo" }) { accessToken } }`);
    const data = await t.ok(
      `{ me { memberships { organization { name partnerAgency { status tier { code } duesPaidThrough duesInvoices { status amount } } } } } }`,
      {},
      logIn.logIn.accessToken,
    );
    expect(data.me.memberships).toEqual([
      {
        organization: {
          name: '햇살돌봄 사회적협동조합',
          partnerAgency: {
            status: 'ACTIVE',
            tier: { code: 'STANDARD' },
            duesPaidThrough: expect.any(String),
            duesInvoices: [{ status: 'PAID', amount: 30_000 }],
          },
        },
      },
    ]);
  });
});
