import { DemoDataRegistry } from '../../libs/common/src/index.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('catalog: demo data', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it("publishes the demo cooperative's listings, once, the home visit bookable on weekdays", async () => {
    await t.app.get(DemoDataRegistry).seedAll();
    await t.app.get(DemoDataRegistry).seedAll();
    const found = await t.ok(
      `{ listings(filter: { search: "햇살돌봄" }) { totalCount nodes { id title status service { requiresConsultation } partnerAgency { organization { name } } } } }`,
    );
    expect(found.listings.totalCount).toBe(2);
    const visit = found.listings.nodes.find((n: { title: string }) => n.title === '어르신 방문 돌봄');
    expect(visit).toMatchObject({
      status: 'PUBLISHED',
      service: { requiresConsultation: false },
      partnerAgency: { organization: { name: '햇살돌봄 사회적협동조합' } },
    });
    const now = Date.now();
    const slots = await t.ok(`query($id: ID!, $from: DateTime!, $to: DateTime!) { availableSlots(listingId: $id, from: $from, to: $to) { startsAt } }`, {
      id: visit.id,
      from: new Date(now).toISOString(),
      to: new Date(now + 7 * 86_400_000).toISOString(),
    });
    // Weekdays 09:00–18:00 in Seoul, two-hour visits: 09, 11, 13 and 15 o'clock. Any seven days from now hold
    // five weekdays' worth: what is past of today's slots is the part of the same weekday next week that is in range.
    expect(slots.availableSlots).toHaveLength(20);
  });
});
