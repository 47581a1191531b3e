import { Inject, Injectable, Logger } from '@nestjs/common';
import { ClockService, JobQueueService, RequestContext, TransactionalConnection } from '../../common/src/index.js';
import { isTrackedCarrier } from './carrier.js';
import { ReturnRequest, ReturnStatus } from './return-request.entity.js';
import { pollRound } from './tracking/parcel-polling.js';
import { TRACKING_PROVIDER, type ParcelProgress, type PushedParcelProgress, type TrackedParcel, type TrackingProvider } from './tracking/tracking-provider.js';

export const RETURN_PICKUP_CHECK_JOB = 'commerce.return-pickup-check';
export const RETURN_PICKUP_POLL_JOB = 'commerce.return-pickup-poll';
/** Accepted returns' pick-up parcels asked about per poll, oldest registration first. */
const POLL_BATCH = 200;

/** What happens when a return's pick-up parcel, still as registered at `registeredAt`, reached the agency at `deliveredAt`. */
export type PickupDeliveredHandler = (ctx: RequestContext, returnRequestId: string, registeredAt: Date, deliveredAt: Date) => Promise<void>;

/**
 * The pick-up waybills (반품 수거) of accepted returns, tracked like outgoing parcels (docs/RULES.md §18): the
 * provider's scheduled checks, its polls and its pushes. A delivery is handed to the registered handler
 * (OrderReturns, which receives the return); this class only learns of it, so it needs nothing of returns.
 */
@Injectable()
export class ReturnPickups {
  private readonly logger = new Logger(ReturnPickups.name);
  private delivered?: PickupDeliveredHandler;

  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
    private readonly jobs: JobQueueService,
    @Inject(TRACKING_PROVIDER) private readonly tracking: TrackingProvider,
  ) {
    jobs.register(RETURN_PICKUP_CHECK_JOB, (ctx, { returnRequestId, registeredAt }) =>
      this.refresh(ctx, returnRequestId as string, new Date(registeredAt as string)),
    );
    if (tracking.pollIntervalMs) jobs.registerRecurring(RETURN_PICKUP_POLL_JOB, tracking.pollIntervalMs, (ctx) => this.pollOpen(ctx));
  }

  whenDelivered(handler: PickupDeliveredHandler): void {
    this.delivered = handler;
  }

  /** The provider's own checks of a pick-up waybill just registered (the simulated courier's scan and delivery). */
  async track(ctx: RequestContext, request: ReturnRequest): Promise<void> {
    const parcel = pickupParcelOf(request);
    if (!parcel) return;
    const registeredAt = parcel.registeredAt.toISOString();
    const checks = (await this.tracking.scheduledChecks?.(parcel)) ?? [];
    await this.jobs.enqueueMany(
      ctx,
      checks.map((at) => ({
        name: RETURN_PICKUP_CHECK_JOB,
        payload: { returnRequestId: request.id, registeredAt },
        options: { runAt: at, singletonKey: `${RETURN_PICKUP_CHECK_JOB}:${request.id}:${registeredAt}:${at.toISOString()}` },
      })),
    );
  }

  /** A provider's push about an accepted return's pick-up parcel, applied; false when no such parcel is awaited. */
  async applyPush(ctx: RequestContext, push: PushedParcelProgress): Promise<boolean> {
    const request = await this.connection.getRepository(ctx, ReturnRequest).findOneBy({
      pickupCarrier: push.carrier,
      pickupTrackingNumber: push.trackingNumber,
      status: ReturnStatus.ACCEPTED,
    });
    if (request) await this.apply(ctx, request, push);
    return request !== null;
  }

  /** Asks the provider about a return still ACCEPTED with its waybill as registered at `registeredAt`. */
  private async refresh(ctx: RequestContext, returnRequestId: string, registeredAt: Date): Promise<void> {
    const request = await this.connection.getRepository(ctx, ReturnRequest).findOneBy({ id: returnRequestId });
    const parcel = request?.status === ReturnStatus.ACCEPTED ? pickupParcelOf(request) : null;
    if (parcel && parcel.registeredAt.getTime() === registeredAt.getTime())
      await this.apply(ctx, request!, await this.tracking.progress(parcel, this.clock.now()));
  }

  private async pollOpen(ctx: RequestContext): Promise<void> {
    const open = await this.connection
      .getRepository(ctx, ReturnRequest)
      .createQueryBuilder('r')
      .where('r.status = :accepted AND r.pickup_tracking_number IS NOT NULL', { accepted: ReturnStatus.ACCEPTED })
      .orderBy('r.pickup_registered_at')
      .limit(POLL_BATCH)
      .getMany();
    await pollRound(open, (request) => this.refresh(ctx, request.id, request.pickupRegisteredAt!), this.logger);
  }

  private async apply(ctx: RequestContext, request: ReturnRequest, progress: ParcelProgress): Promise<void> {
    if (progress.deliveredAt) await this.delivered?.(ctx, request.id, request.pickupRegisteredAt!, progress.deliveredAt);
  }
}

/** What the provider is asked about: the waybill of a tracked courier (every pick-up waybill is one, §18). */
function pickupParcelOf(request: ReturnRequest): TrackedParcel | null {
  const { pickupCarrier: carrier, pickupTrackingNumber: trackingNumber, pickupRegisteredAt: registeredAt } = request;
  return carrier && trackingNumber && registeredAt && isTrackedCarrier(carrier) ? { carrier, trackingNumber, registeredAt } : null;
}
