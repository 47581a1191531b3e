import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { CommissionService } from '../../libs/affiliate/src/index.js';
import { ClockService, RequestContext, TransactionalConnection } from '../../libs/common/src/index.js';
import { currentPolicyIds } from './membership.js';
import { signUp, type TestApp } from './test-app.js';

export const APPLY = `mutation($input: MarketCreatorApplicationInput!) {
  applyAsMarketCreator(input: $input) { id handle displayName bio kind status organization { id } payoutAccount { bankCode maskedAccountNumber accountHolder } }
}`;
export const REVIEW = `mutation($input: ReviewInput!) { reviewMarketCreator(input: $input) { id status } }`;
export const CREATE_LINK = `mutation($input: CreateReferralLinkInput!) { createReferralLink(input: $input) { id code url campaign clicks conversions } }`;
export const TRACK = `mutation($code: String!) { trackReferralClick(code: $code) { token expiresAt marketCreator { id handle } } }`;

let handleSerial = 0;

/** A unique valid handle for this run. */
export function newHandle(prefix = 'mc'): string {
  return `${prefix}-${process.pid % 10_000}-${handleSerial++}`;
}

/** An application input agreeing to the current terms. */
export async function application(t: TestApp, overrides: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  return {
    kind: 'INDIVIDUAL',
    handle: newHandle(),
    displayName: '마을살림 큐레이터',
    bio: '동네 돌봄 서비스를 골라 소개합니다',
    payoutAccount: { bankCode: '004', accountNumber: '110-234-567890', accountHolder: '박하나' },
    agreedPolicyIds: [(await currentPolicyIds(t)).MARKET_CREATOR_TERMS],
    ...overrides,
  };
}

/** Applies as a market creator (INDIVIDUAL unless overridden) and returns the created one. */
export async function becomeMarketCreator(
  t: TestApp,
  token: string,
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; handle: string; status: string }> {
  const data = await t.ok(APPLY, { input: await application(t, overrides) }, token);
  return data.applyAsMarketCreator;
}

/** `trackReferralClick` from a client with its own user agent (clicks are counted per client). */
export async function trackClick(t: TestApp, code: string, options: { token?: string; userAgent?: string } = {}) {
  const req = request(t.app.getHttpServer())
    .post('/graphql')
    .set('content-type', 'application/json')
    .set('user-agent', options.userAgent ?? 'DureTest/1.0');
  if (options.token) req.set('authorization', `Bearer ${options.token}`);
  const res = await req.send({ query: TRACK, variables: { code } });
  if (res.body.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(res.body.errors)}`);
  return res.body.data.trackReferralClick as { token: string; expiresAt: string; marketCreator: { id: string; handle: string } };
}

/**
 * A SCHEDULED payout of 10,000 won for a new market creator, made at the service level: a click on its
 * link to `listingId` (10 % rate), a sale of 100,000 recorded and approved as the booking library's events
 * do, then `runPayouts` for today. Returns the payout's id.
 */
export async function scheduledPayout(t: TestApp, operator: string, listingId: string, partnerAgencyId: string): Promise<string> {
  const creatorUser = await signUp(t);
  const creator = await becomeMarketCreator(t, creatorUser.token);
  const link = await t.ok(CREATE_LINK, { input: { listingId } }, creatorUser.token);
  const { token } = await trackClick(t, link.createReferralLink.code, { userAgent: randomUUID() });
  const buyer = await signUp(t);
  const commissions = t.app.get(CommissionService);
  const reservationId = randomUUID();
  const ctx = RequestContext.system();
  await t.app.get(TransactionalConnection).withTransaction(ctx, async () => {
    await commissions.recordSale(ctx, {
      reservationId,
      partnerAgencyId,
      buyerId: buyer.id,
      listingId,
      paidAmount: 100_000,
      commissionRateBps: 1_000,
      attributionToken: token,
    });
    await commissions.approveSale(ctx, { reservationId });
  });
  const payouts = await t.ok(
    `mutation($periodEnd: Date!) { runPayouts(periodEnd: $periodEnd) { id marketCreator { id } } }`,
    { periodEnd: t.app.get(ClockService).today() },
    operator,
  );
  return payouts.runPayouts.find((payout: { marketCreator: { id: string } }) => payout.marketCreator.id === creator.id).id;
}
