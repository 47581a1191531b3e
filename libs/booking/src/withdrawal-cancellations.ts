import { Injectable } from '@nestjs/common';
import { ClockService, JobQueueService, RequestContext, TransactionalConnection } from '../../common/src/index.js';
import type { PartnerAgency } from '../../membership/src/index.js';
import { ReservationTransitions } from './booking-transitions.js';
import { ReservationActions } from './reservation-actions.service.js';
import { CancelledBy, Reservation, ReservationStatus } from './reservation.entity.js';

export const WITHDRAWAL_CANCELLATION_JOB = 'booking.withdrawal-cancellation';

const LIVE: readonly ReservationStatus[] = [ReservationStatus.PENDING_PAYMENT, ReservationStatus.CONFIRMED];

/**
 * A provider refund may be unavailable for a while (or its outcome unknown until reconciliation): with the
 * queue's backoff (capped at 10 minutes) twenty attempts keep trying for about two hours.
 */
const MAX_ATTEMPTS = 20;

/**
 * 퇴점 (docs/RULES.md §4): the agency is gone, so every reservation of it that has not started by the withdrawal
 * is cancelled on the agency's side, paid ones with a full refund, held ones letting their seat go. No
 * PROVIDER_CANCELLATION strike: there is no agency left to warn. Started and past reservations stay, for
 * operators to complete or record as no-shows.
 *
 * The withdrawal's transaction only queues one job per reservation: it holds the agency row, and cancelling
 * there would lock reservations after it (payments lock them before it) and call the provider for each
 * while holding it all. Each job locks one reservation, cancels it if still live and refunds under a key
 * naming the withdrawal, so a retried job refunds once.
 */
@Injectable()
export class WithdrawalCancellations {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
    private readonly transitions: ReservationTransitions,
    private readonly actions: ReservationActions,
    private readonly jobs: JobQueueService,
  ) {
    jobs.register(WITHDRAWAL_CANCELLATION_JOB, (ctx, { reservationId, reason }) => this.cancel(ctx, reservationId as string, reason as string));
  }

  /** In the withdrawal's transaction: a job for each live reservation of the agency that has not started. */
  async scheduleFor(ctx: RequestContext, agency: PartnerAgency): Promise<void> {
    const upcoming = await this.connection
      .getRepository(ctx, Reservation)
      .createQueryBuilder('reservation')
      .select('reservation.id', 'id')
      .where('reservation.partner_agency_id = :agencyId AND reservation.status = ANY(:live) AND reservation.starts_at > :now', {
        agencyId: agency.id,
        live: LIVE,
        now: this.clock.now(),
      })
      .getRawMany<{ id: string }>();
    const reason = `The partner agency withdrew (퇴점): ${agency.statusReason!}`;
    for (const { id } of upcoming) {
      await this.jobs.enqueue(
        ctx,
        WITHDRAWAL_CANCELLATION_JOB,
        { reservationId: id, reason },
        { singletonKey: `${WITHDRAWAL_CANCELLATION_JOB}:${id}`, maxAttempts: MAX_ATTEMPTS },
      );
    }
  }

  private async cancel(ctx: RequestContext, reservationId: string, reason: string): Promise<void> {
    const reservation = await this.transitions.lock(ctx, reservationId);
    if (!LIVE.includes(reservation.status)) return;
    await this.actions.cancelLocked(ctx, reservation, { cancelledBy: CancelledBy.PARTNER_AGENCY, reason, refundKey: `agency-withdrawal:${reservation.id}` });
  }
}
