import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  ReservationCreator,
  ReservationEvents,
  ReservationPayments,
  ReservationStatus,
  ReservationTransitions,
  type Reservation,
  type ReservationEvent,
} from '../../libs/booking/src/index.js';
import { ClockService, JobQueueService, RequestContext, TransactionalConnection } from '../../libs/common/src/index.js';
import { AccountKind, LedgerService, account } from '../../libs/ledger/src/index.js';
import { PaymentService, PaymentStatus } from '../../libs/payments/src/index.js';
import { publishedListing } from '../support/catalog.js';
import { approvedAgency } from '../support/membership.js';
import { failureCodeOf } from '../support/order-purpose.js';
import { OPERATOR_ENV, createTestApp, logInOperator, type TestApp } from '../support/test-app.js';

const HOUR = 3600_000;
const PRICE = 30_000;
/** The STANDARD tier's platform fee. */
const FEE_BPS = 600;

class Rollback extends Error {}

/**
 * Reservations and their payments below the API (reservations are made directly on one published listing):
 * paying, the hold's expiry, the platform fee kept with the sale, refunds, and reservation events.
 */
describe('booking: reservation payments and events', () => {
  let t: TestApp;
  let connection: TransactionalConnection;
  let clock: ClockService;
  let ledger: LedgerService;
  let payments: PaymentService;
  let agencyId: string;
  let listing: { id: string; title: string; capacityPerSlot: number };
  const committed: ReservationEvent[] = [];
  const inTransaction: ReservationEvent[] = [];
  let failPaidSubscriber = false;

  beforeAll(async () => {
    t = await createTestApp({ ...OPERATOR_ENV, DURE_TEST_CLOCK: '1' });
    connection = t.app.get(TransactionalConnection);
    clock = t.app.get(ClockService);
    ledger = t.app.get(LedgerService);
    payments = t.app.get(PaymentService);
    const agency = await approvedAgency(t, await logInOperator(t));
    agencyId = agency.id;
    // Paying asks the catalog whether the listing is still on sale.
    listing = { id: await publishedListing(t, agency), title: '방문 돌봄 1시간', capacityPerSlot: 1 };
    const events = t.app.get(ReservationEvents);
    for (const type of ['ReservationPaid', 'ReservationRefunded', 'ReservationExpired'] as const) {
      events.afterCommit(type, (event) => committed.push(event));
      events.inTransaction(type, async (_ctx, event) => {
        if (failPaidSubscriber && event.type === 'ReservationPaid') throw new Rollback();
        inTransaction.push(event);
      });
    }
  });
  afterAll(() => t.close());
  beforeEach(() => {
    committed.length = 0;
    inTransaction.length = 0;
  });

  const inTransactionOf = <T>(work: (ctx: RequestContext) => Promise<T>) => {
    const ctx = RequestContext.system();
    return connection.withTransaction(ctx, () => work(ctx));
  };
  let hour = 0;
  const reserve = () =>
    inTransactionOf((ctx) => {
      const startsAt = new Date(Math.ceil(clock.now().getTime() / HOUR) * HOUR + (48 + hour++) * HOUR);
      const creator = t.app.get(ReservationCreator);
      return creator.once(ctx, { userId: randomUUID(), key: randomUUID(), input: {} }, (id) =>
        creator.create(ctx, id, {
          listing: { ...listing, partnerAgencyId: agencyId },
          buyerId: randomUUID(),
          startsAt,
          endsAt: new Date(startsAt.getTime() + HOUR),
          amount: PRICE,
        }),
      );
    });
  const pay = (reservation: Reservation, paymentKey: string) =>
    inTransactionOf(async (ctx) => t.app.get(ReservationPayments).pay(ctx, await t.app.get(ReservationTransitions).lock(ctx, reservation.id), paymentKey));
  const reload = (reservation: Reservation) => inTransactionOf((ctx) => t.app.get(ReservationTransitions).lock(ctx, reservation.id));
  const paymentOf = async (reservation: Reservation) => (await payments.load(RequestContext.system(), reservation.paymentId!))!;
  const charges = async (reservation: Reservation) =>
    Number(
      (await t.app.get(DataSource).query(`SELECT count(*) FROM simulated_provider_payment WHERE order_id = $1`, [(await paymentOf(reservation)).orderId]))[0]
        .count,
    );
  const balance = (kind: AccountKind, owner: string | null = null) => ledger.balance(RequestContext.system(), account(kind, owner));

  it('paying confirms, keeps the agency’s fee rate with the sale and splits the money between agency and platform', async () => {
    const payableBefore = await balance(AccountKind.PARTNER_AGENCY_PAYABLE, agencyId);
    const feesBefore = await balance(AccountKind.PLATFORM_REVENUE_FEES);
    const reservation = await reserve();
    const confirmed = await pay(reservation, 'pk_split');
    expect(confirmed).toMatchObject({ status: ReservationStatus.CONFIRMED, platformFeeRateBps: FEE_BPS, holdExpiresAt: null });
    expect(confirmed.paidAt).toBeInstanceOf(Date);
    expect(await balance(AccountKind.PARTNER_AGENCY_PAYABLE, agencyId)).toBe(payableBefore + PRICE - (PRICE * FEE_BPS) / 10_000);
    expect(await balance(AccountKind.PLATFORM_REVENUE_FEES)).toBe(feesBefore + (PRICE * FEE_BPS) / 10_000);
    expect(inTransaction.map((e) => e.type)).toEqual(['ReservationPaid']);
    expect(committed).toMatchObject([{ type: 'ReservationPaid', reservation: { id: reservation.id, status: 'CONFIRMED' }, payment: { status: 'PAID' } }]);
  });

  it('a declined payment leaves it PENDING_PAYMENT; the same key twice charges once', async () => {
    const reservation = await reserve();
    expect(await failureCodeOf(pay(reservation, 'sim_decline_x'))).toBe('PAYMENT_FAILED');
    expect((await reload(reservation)).status).toBe(ReservationStatus.PENDING_PAYMENT);
    await pay(reservation, 'pk_once');
    expect((await pay(reservation, 'pk_once')).status).toBe(ReservationStatus.CONFIRMED);
    expect(await charges(reservation)).toBe(1);
    expect(await failureCodeOf(pay(reservation, 'pk_other'))).toBe('INVALID_STATE');
    expect(committed.filter((e) => e.type === 'ReservationPaid')).toHaveLength(1);
  });

  it('after the hold expired: INVALID_STATE and nothing charged; the job then expires it and abandons the payment', async () => {
    const reservation = await reserve();
    clock.moveTo(new Date(reservation.holdExpiresAt!.getTime() + 1000));
    expect(await failureCodeOf(pay(reservation, 'pk_late'))).toBe('INVALID_STATE');
    expect(await charges(reservation)).toBe(0);
    await t.app.get(JobQueueService).runDue();
    expect((await reload(reservation)).status).toBe(ReservationStatus.EXPIRED);
    expect((await paymentOf(reservation)).status).toBe(PaymentStatus.FAILED);
    expect(committed).toMatchObject([{ type: 'ReservationExpired', reservation: { id: reservation.id } }]);
  });

  it('a refund gives back the agency’s and the platform’s shares at the rate kept with the sale', async () => {
    const reservation = await reserve();
    await pay(reservation, 'pk_refund');
    const payable = await balance(AccountKind.PARTNER_AGENCY_PAYABLE, agencyId);
    const fees = await balance(AccountKind.PLATFORM_REVENUE_FEES);
    await inTransactionOf((ctx) => payments.refund(ctx, { paymentId: reservation.paymentId!, amount: 10_001, reason: '부분 환불', refundKey: 'partial' }));
    expect((await reload(reservation)).refundedAmount).toBe(10_001);
    // Fee on what remains: floor(19,999 × 6 %) = 1,199 of the 1,800 taken, so 601 goes back.
    expect(await balance(AccountKind.PLATFORM_REVENUE_FEES)).toBe(fees - 601);
    expect(await balance(AccountKind.PARTNER_AGENCY_PAYABLE, agencyId)).toBe(payable - (10_001 - 601));
    expect(committed.filter((e) => e.type === 'ReservationRefunded')).toMatchObject([
      { type: 'ReservationRefunded', amount: 10_001, reservation: { refundedAmount: 10_001 } },
    ]);
  });

  describe('a capture the provider made while our transaction failed, found later by reconciliation', () => {
    class CrashBeforeCommit extends Error {}
    const payThenCrash = (reservation: Reservation, paymentKey: string) =>
      expect(
        inTransactionOf(async (ctx) => {
          await t.app.get(ReservationPayments).pay(ctx, await t.app.get(ReservationTransitions).lock(ctx, reservation.id), paymentKey);
          throw new CrashBeforeCommit();
        }),
      ).rejects.toBeInstanceOf(CrashBeforeCommit);
    const runJobsFor = (minutes: number) => t.app.get(JobQueueService).runUntil(new Date(clock.now().getTime() + minutes * 60_000), (at) => clock.moveTo(at));

    it('confirms the reservation while its seat is still held', async () => {
      const reservation = await reserve();
      await payThenCrash(reservation, 'pk_found');
      expect((await reload(reservation)).status).toBe(ReservationStatus.PENDING_PAYMENT);
      await runJobsFor(10);
      expect(await reload(reservation)).toMatchObject({ status: ReservationStatus.CONFIRMED, platformFeeRateBps: FEE_BPS });
    });

    it('is refused and refunded in full when the hold lapsed and someone else took the seat', async () => {
      const reservation = await reserve();
      await payThenCrash(reservation, 'pk_seat_lost');
      clock.moveTo(new Date(reservation.holdExpiresAt!.getTime() + 1000));
      const rival = await inTransactionOf((ctx) => {
        const creator = t.app.get(ReservationCreator);
        const { startsAt, endsAt } = reservation;
        return creator.once(ctx, { userId: randomUUID(), key: randomUUID(), input: {} }, (id) =>
          creator.create(ctx, id, { listing: { ...listing, partnerAgencyId: agencyId }, buyerId: randomUUID(), startsAt, endsAt, amount: PRICE }),
        );
      });
      await runJobsFor(10);
      expect((await reload(reservation)).status).toBe(ReservationStatus.EXPIRED);
      expect(await paymentOf(reservation)).toMatchObject({ status: PaymentStatus.REFUNDED, refundedAmount: PRICE });
      expect((await reload(rival)).status).toBe(ReservationStatus.PENDING_PAYMENT);
    });
  });

  it('an in-transaction subscriber that fails rolls the payment back; after-commit subscribers hear nothing', async () => {
    const reservation = await reserve();
    failPaidSubscriber = true;
    try {
      await expect(pay(reservation, 'pk_rolled_back')).rejects.toBeInstanceOf(Rollback);
    } finally {
      failPaidSubscriber = false;
    }
    expect(await reload(reservation)).toMatchObject({ status: ReservationStatus.PENDING_PAYMENT, platformFeeRateBps: null });
    expect((await paymentOf(reservation)).status).toBe(PaymentStatus.READY);
    expect(committed).toEqual([]);
  });
});
