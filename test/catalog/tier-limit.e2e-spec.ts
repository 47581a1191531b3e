import { CHANGE_TIER } from '../support/membership.js';
import {
  CREATE_LISTING,
  LISTING,
  PUBLISH_LISTING,
  activePartnerAgency,
  publishedListing,
  serviceListingInput,
  tierWithListingLimit,
} from '../support/catalog.js';
import { OPERATOR_ENV, createTestApp, logInOperator, type TestApp } from '../support/test-app.js';

const ADVANCE = `mutation($to: DateTime!) { advanceTestClock(to: $to) }`;

/** Membership applies a downgrade at the next period and asks the catalog to hide listings over the new limit. */
describe('catalog: a downgrade hides listings over the new limit', () => {
  let t: TestApp;
  let operator: string;

  beforeAll(async () => {
    t = await createTestApp({ ...OPERATOR_ENV, DURE_TEST_CLOCK: '1' });
    operator = await logInOperator(t);
    await t.ok(ADVANCE, { to: '2031-03-10T03:00:00Z' }, operator);
  });
  afterAll(() => t.close());

  it('when the period begins, the most recently published are hidden and the oldest kept; publishing then meets the new limit', async () => {
    await tierWithListingLimit(t, operator, 'THREE', 3);
    await tierWithListingLimit(t, operator, 'ONE', 1);
    const agency = await activePartnerAgency(t, operator, { tierCode: 'THREE' });
    const published: string[] = [];
    for (const minute of ['03:01', '03:02', '03:03']) {
      await t.ok(ADVANCE, { to: `2031-03-10T${minute}:00Z` }, operator);
      published.push(await publishedListing(t, agency, { title: `${minute} 게시` }));
    }
    // Same dues per day, so not an upgrade: it waits for the next period.
    const changed = await t.ok(CHANGE_TIER, { id: agency.id, tierCode: 'ONE' }, agency.owner.token);
    expect(changed.changeMembershipTier.scheduledTierFrom).toBe('2031-04-10');
    const statuses = async () => Promise.all(published.map(async (id) => (await t.ok(LISTING, { id }, agency.owner.token)).listing.status));
    await t.ok(ADVANCE, { to: '2031-04-09T03:00:00Z' }, operator);
    expect(await statuses()).toEqual(['PUBLISHED', 'PUBLISHED', 'PUBLISHED']);

    await t.ok(ADVANCE, { to: '2031-04-10T03:00:00Z' }, operator);
    expect(await statuses()).toEqual(['PUBLISHED', 'HIDDEN', 'HIDDEN']);
    const draft = (await t.ok(CREATE_LISTING, { input: serviceListingInput(agency.id) }, agency.owner.token)).createListing.id;
    expect((await t.gql(PUBLISH_LISTING, { id: draft }, agency.owner.token)).errors![0].extensions.code).toBe('LIMIT_EXCEEDED');
  });
});
