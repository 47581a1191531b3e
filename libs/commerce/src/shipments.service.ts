import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { In } from 'typeorm';
import {
  BadUserInputError,
  ClockService,
  ConflictError,
  DureConfig,
  ForbiddenError,
  InvalidStateError,
  JobQueueService,
  NotFoundError,
  RequestContext,
  TransactionalConnection,
  isUniqueViolation,
  isUuid,
  type JobToEnqueue,
} from '../../common/src/index.js';
import { BusinessCalendarService } from '../../calendar/src/index.js';
import { StrikeReason, StrikeService } from '../../membership/src/index.js';
import { isTrackedCarrier } from './carrier.js';
import { CommerceAccess } from './commerce-access.js';
import { OrderTransitions } from './commerce-transitions.js';
import type { ShipOrderInput, UpdateShipmentInput } from './dto/fulfilment.inputs.js';
import { OrderEvents } from './order-events.js';
import { OrderFulfilment } from './order-fulfilment.service.js';
import { OrderLine } from './order-line.entity.js';
import { Order, OrderStatus } from './order.entity.js';
import { parcelLabelOf, type ParcelLabel } from './parcel-label.js';
import { Shipment } from './shipment.entity.js';
import { pollRound } from './tracking/parcel-polling.js';
import { TRACKING_PROVIDER, type ParcelProgress, type PushedParcelProgress, type TrackedParcel, type TrackingProvider } from './tracking/tracking-provider.js';

export const SCAN_CHECK_JOB = 'commerce.scan-check';
export const TRACKING_CHECK_JOB = 'commerce.tracking-check';
export const TRACKING_POLL_JOB = 'commerce.tracking-poll';
export const ASSUMED_DELIVERY_JOB = 'commerce.assumed-delivery';
const DAY_MS = 24 * 3600_000;
/** Open courier parcels asked about per poll, oldest registration first. */
const POLL_BATCH = 200;

/**
 * Parcels (docs/RULES.md §17): registering and correcting them, their scans and deliveries however they are
 * learned (the provider's checks or polls, its pushes, the agency's or an operator's mark, the assumption
 * after ASSUMED_DELIVERY_DAYS), and the scan check's MISSING_TRACKING_NUMBER strike. Locks go order first,
 * then parcel, everywhere.
 */
@Injectable()
export class ShipmentService {
  private readonly logger = new Logger(ShipmentService.name);

  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
    private readonly config: DureConfig,
    private readonly calendar: BusinessCalendarService,
    private readonly access: CommerceAccess,
    private readonly orders: OrderTransitions,
    private readonly fulfilment: OrderFulfilment,
    private readonly events: OrderEvents,
    private readonly strikes: StrikeService,
    private readonly jobs: JobQueueService,
    @Inject(TRACKING_PROVIDER) private readonly tracking: TrackingProvider,
  ) {
    jobs.register(SCAN_CHECK_JOB, (ctx, { shipmentId, registeredAt, due }) =>
      this.checkScan(ctx, shipmentId as string, new Date(registeredAt as string), new Date(due as string)),
    );
    jobs.register(TRACKING_CHECK_JOB, (ctx, { shipmentId, registeredAt }) => this.refresh(ctx, shipmentId as string, new Date(registeredAt as string)));
    jobs.register(ASSUMED_DELIVERY_JOB, (ctx, { shipmentId, due }) => this.assumeDelivery(ctx, shipmentId as string, new Date(due as string)));
    if (tracking.pollIntervalMs) jobs.registerRecurring(TRACKING_POLL_JOB, tracking.pollIntervalMs, (ctx) => this.pollOpenParcels(ctx));
  }

  /**
   * `shipOrder` (docs/RULES.md §17): a PAID order's named lines (default: every line left) go into one new
   * parcel; the order is SHIPPED once every unit not cancelled is in a parcel. A carrier + number another
   * parcel has → CONFLICT, decided by the unique index so that concurrent registrations cannot both win.
   */
  async ship(ctx: RequestContext, input: ShipOrderInput): Promise<Order> {
    const order = await this.orders.lock(ctx, input.orderId);
    await this.access.assertActsForAgency(ctx, order);
    if (order.status !== OrderStatus.PAID) throw new InvalidStateError(`A ${order.status} order cannot be shipped`);
    const label = parcelLabelOf(input);
    const lines = await this.connection.getRepository(ctx, OrderLine).find({ where: { orderId: order.id }, order: { position: 'ASC' } });
    const packed = linesToPack(lines, input.orderLineIds);
    const shipment = await this.newParcel(ctx, order, label, null);
    await this.connection.getRepository(ctx, OrderLine).update({ id: In(packed.map((line) => line.id)) }, { shipmentId: shipment.id });
    const inParcel = new Set(packed.map((line) => line.id));
    const everyUnitShipped = lines.every((line) => !hasUnitsLeft(line) || line.shipmentId || inParcel.has(line.id));
    const shipped = everyUnitShipped ? await this.orders.apply(ctx, order, OrderStatus.SHIPPED) : order;
    await this.events.publish(ctx, 'OrderShipped', { order: shipped, shipment });
    return shipped;
  }

  /**
   * An exchange's replacement parcel for the order (locked by the caller; docs/RULES.md §18) under the courier
   * rules of §17: one carrier + number per parcel (CONFLICT), the scan check, tracking and assumed delivery.
   */
  shipReplacement(ctx: RequestContext, order: Order, returnRequestId: string, label: ParcelLabel): Promise<Shipment> {
    return this.newParcel(ctx, order, label, returnRequestId);
  }

  /** A parcel registered now, with its jobs (docs/RULES.md §26). */
  private async newParcel(ctx: RequestContext, order: Order, label: ParcelLabel, replacementForId: string | null): Promise<Shipment> {
    const now = this.clock.now();
    const shipment = this.connection.getRepository(ctx, Shipment).create({
      id: randomUUID(),
      orderId: order.id,
      ...label,
      shippedAt: now,
      registeredAt: now,
      firstScanAt: null,
      deliveredAt: null,
      deliveryAssumed: false,
      replacementForId,
    });
    await this.register(label, () => this.connection.getRepository(ctx, Shipment).insert(shipment));
    await this.scheduleChecks(ctx, shipment, { withAssumedDelivery: true });
    return shipment;
  }

  /** `updateShipment`: a new carrier or number until the parcel's first scan; the scan check starts again from now. */
  async update(ctx: RequestContext, input: UpdateShipmentInput): Promise<Shipment> {
    const { order, shipment } = await this.lockForAgency(ctx, input.shipmentId);
    if (shipment.firstScanAt || shipment.deliveredAt) throw new InvalidStateError('A parcel the carrier has scanned cannot be corrected');
    const label = parcelLabelOf(input);
    const corrected = await this.register(label, () =>
      this.connection.updateLocked(ctx, Shipment, shipment, (row) => Object.assign(row, { ...label, registeredAt: this.clock.now() })),
    );
    await this.scheduleChecks(ctx, corrected, { withAssumedDelivery: false });
    await this.connection.updateLocked(ctx, Order, order, (row) => Object.assign(row, { updatedAt: this.clock.now() }));
    return corrected;
  }

  /** The agency marks a DIRECT or OTHER parcel delivered; operators any parcel (docs/RULES.md §17). */
  async markDelivered(ctx: RequestContext, shipmentId: string): Promise<Shipment> {
    const { order, shipment } = await this.lockForAgency(ctx, shipmentId);
    if (isTrackedCarrier(shipment.carrier) && !ctx.isOperator) {
      throw new ForbiddenError(`A ${shipment.carrier} parcel is delivered by its tracking; only operators may mark it`);
    }
    if (shipment.deliveredAt) throw new InvalidStateError('The parcel is already delivered');
    return this.deliver(ctx, order, shipment, { deliveredAt: this.clock.now(), deliveryAssumed: false });
  }

  /** A provider's push about one of the orders' parcels, applied; false when no parcel has its carrier and number. */
  async applyPush(ctx: RequestContext, push: PushedParcelProgress): Promise<boolean> {
    const parcel = await this.connection.getRepository(ctx, Shipment).findOneBy({ carrier: push.carrier, trackingNumber: push.trackingNumber });
    if (parcel) await this.applyProgress(ctx, parcel.id, push);
    return parcel !== null;
  }

  /** Its page at the carrier, from the carrier's template setting; null for DIRECT, OTHER and carriers without one. */
  trackingUrlOf(shipment: Shipment): string | null {
    const template = this.config.trackingUrlTemplates[shipment.carrier];
    return template && shipment.trackingNumber ? template.replaceAll('{trackingNumber}', encodeURIComponent(shipment.trackingNumber)) : null;
  }

  private async lockForAgency(ctx: RequestContext, shipmentId: string): Promise<{ order: Order; shipment: Shipment }> {
    const found = isUuid(shipmentId) ? await this.connection.getRepository(ctx, Shipment).findOneBy({ id: shipmentId }) : null;
    if (!found) throw new NotFoundError('Shipment', shipmentId);
    const order = await this.orders.lock(ctx, found.orderId);
    try {
      await this.access.assertActsForAgency(ctx, order);
    } catch (error) {
      throw error instanceof NotFoundError ? new NotFoundError('Shipment', shipmentId) : error;
    }
    return { order, shipment: await this.connection.lock(ctx, Shipment, shipmentId, 'Shipment') };
  }

  /** Writes a parcel's label; its carrier + number on another parcel → CONFLICT. */
  private async register<T>(label: ParcelLabel, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (!isUniqueViolation(error, 'shipment_tracking_number_uq')) throw error;
      throw new ConflictError(`${label.carrier} tracking number ${label.trackingNumber} is already registered for another parcel`);
    }
  }

  /**
   * The jobs of a parcel just registered or corrected (docs/RULES.md §26): for the six tracked carriers the
   * scan check at the end of the TRACKING_SCAN_BUSINESS_DAYS-th business day and the provider's own checks;
   * at registration, the assumed delivery. Keys name the registration, so a correction's jobs are new ones.
   */
  private async scheduleChecks(ctx: RequestContext, shipment: Shipment, { withAssumedDelivery }: { withAssumedDelivery: boolean }): Promise<void> {
    const jobs: JobToEnqueue[] = [];
    const registeredAt = shipment.registeredAt.toISOString();
    const parcel = trackedParcelOf(shipment);
    if (parcel) {
      const due = await this.calendar.deadlineAfter(ctx, shipment.registeredAt, this.config.trackingScanBusinessDays);
      jobs.push({
        name: SCAN_CHECK_JOB,
        payload: { shipmentId: shipment.id, registeredAt, due: due.toISOString() },
        options: { runAt: due, singletonKey: `${SCAN_CHECK_JOB}:${shipment.id}:${registeredAt}` },
      });
      for (const at of (await this.tracking.scheduledChecks?.(parcel)) ?? []) {
        jobs.push({
          name: TRACKING_CHECK_JOB,
          payload: { shipmentId: shipment.id, registeredAt },
          options: { runAt: at, singletonKey: `${TRACKING_CHECK_JOB}:${shipment.id}:${registeredAt}:${at.toISOString()}` },
        });
      }
    }
    if (withAssumedDelivery) {
      const due = new Date(shipment.shippedAt.getTime() + this.config.assumedDeliveryDays * DAY_MS);
      jobs.push({
        name: ASSUMED_DELIVERY_JOB,
        payload: { shipmentId: shipment.id, due: due.toISOString() },
        options: { runAt: due, singletonKey: `${ASSUMED_DELIVERY_JOB}:${shipment.id}` },
      });
    }
    await this.jobs.enqueueMany(ctx, jobs);
  }

  /** Asks the provider about an undelivered courier parcel still registered as at `registeredAt`, and applies the answer. */
  private async refresh(ctx: RequestContext, shipmentId: string, registeredAt: Date): Promise<void> {
    const shipment = await this.connection.getRepository(ctx, Shipment).findOneBy({ id: shipmentId });
    const parcel = shipment && !shipment.deliveredAt && shipment.registeredAt.getTime() === registeredAt.getTime() ? trackedParcelOf(shipment) : null;
    if (parcel) await this.applyProgress(ctx, shipmentId, await this.tracking.progress(parcel, this.clock.now()));
  }

  /** For providers that poll: each open courier parcel, oldest first; a provider that cannot answer now is asked again next round. */
  private async pollOpenParcels(ctx: RequestContext): Promise<void> {
    const open = await this.connection
      .getRepository(ctx, Shipment)
      .createQueryBuilder('s')
      .where('s.delivered_at IS NULL AND s.tracking_number IS NOT NULL AND s.carrier <> :other', { other: 'OTHER' })
      .orderBy('s.registered_at')
      .limit(POLL_BATCH)
      .getMany();
    await pollRound(open, (shipment) => this.refresh(ctx, shipment.id, shipment.registeredAt), this.logger);
  }

  /** Records a first scan and a delivery the parcel does not have yet (a delivery implies a scan); what it already has stays. */
  private async applyProgress(ctx: RequestContext, shipmentId: string, progress: ParcelProgress): Promise<void> {
    const { orderId } = await this.connection.getRepository(ctx, Shipment).findOneByOrFail({ id: shipmentId });
    const order = await this.orders.lock(ctx, orderId);
    const shipment = await this.connection.lock(ctx, Shipment, shipmentId, 'Shipment');
    const firstScanAt = shipment.firstScanAt ?? progress.firstScanAt ?? progress.deliveredAt;
    if (firstScanAt !== shipment.firstScanAt) await this.connection.updateLocked(ctx, Shipment, shipment, (row) => Object.assign(row, { firstScanAt }));
    if (!shipment.deliveredAt && progress.deliveredAt) await this.deliver(ctx, order, shipment, { deliveredAt: progress.deliveredAt, deliveryAssumed: false });
  }

  private async deliver(ctx: RequestContext, order: Order, shipment: Shipment, delivery: Pick<Shipment, 'deliveredAt' | 'deliveryAssumed'>): Promise<Shipment> {
    const delivered = await this.connection.updateLocked(ctx, Shipment, shipment, (row) => Object.assign(row, delivery));
    await this.fulfilment.settleDelivery(ctx, order);
    return delivered;
  }

  /**
   * MISSING_TRACKING_NUMBER (docs/RULES.md §17), at most once per order and recorded at `due`: the parcel, still
   * as registered at `registeredAt`, had no carrier scan by then. The provider is asked first, so a scan it
   * knows of but had not reported yet counts.
   */
  private async checkScan(ctx: RequestContext, shipmentId: string, registeredAt: Date, due: Date): Promise<void> {
    await this.refresh(ctx, shipmentId, registeredAt);
    const found = await this.connection.getRepository(ctx, Shipment).findOneBy({ id: shipmentId });
    if (!found || found.registeredAt.getTime() !== registeredAt.getTime() || !isTrackedCarrier(found.carrier)) return;
    const order = await this.orders.lock(ctx, found.orderId);
    const shipment = await this.connection.lock(ctx, Shipment, shipmentId, 'Shipment');
    if (shipment.firstScanAt && shipment.firstScanAt <= due) return;
    if (await this.strikes.hasOrderStrike(ctx, order.id, StrikeReason.MISSING_TRACKING_NUMBER)) return;
    await this.strikes.addStrike(ctx, {
      partnerAgencyId: order.partnerAgencyId,
      reason: StrikeReason.MISSING_TRACKING_NUMBER,
      orderId: order.id,
      note: `Order ${order.number}: ${shipment.carrier} ${shipment.trackingNumber} had no carrier scan by its scan deadline`,
      recordedAt: due,
    });
  }

  /** ASSUMED_DELIVERY_DAYS after shipping, a parcel nobody reported delivered counts as delivered then (`deliveryAssumed`). */
  private async assumeDelivery(ctx: RequestContext, shipmentId: string, due: Date): Promise<void> {
    const found = await this.connection.getRepository(ctx, Shipment).findOneBy({ id: shipmentId });
    if (!found || found.deliveredAt) return;
    const order = await this.orders.lock(ctx, found.orderId);
    const shipment = await this.connection.lock(ctx, Shipment, shipmentId, 'Shipment');
    if (!shipment.deliveredAt) await this.deliver(ctx, order, shipment, { deliveredAt: due, deliveryAssumed: true });
  }
}

function hasUnitsLeft(line: OrderLine): boolean {
  return line.quantity > line.cancelledQuantity;
}

/**
 * The lines a new parcel takes: the named ones (an id not of this order → BAD_USER_INPUT; one already shipped
 * or fully cancelled → INVALID_STATE), or every line not yet shipped with units left.
 */
function linesToPack(lines: readonly OrderLine[], ids: readonly string[] | null | undefined): OrderLine[] {
  const packable = (line: OrderLine) => !line.shipmentId && hasUnitsLeft(line);
  if (ids === null || ids === undefined) {
    const left = lines.filter(packable);
    if (!left.length) throw new InvalidStateError('Every line of the order is shipped or cancelled');
    return left;
  }
  if (!ids.length) throw BadUserInputError.field('orderLineIds', 'Name at least one line, or omit it for every line left');
  const named = lines.filter((line) => ids.includes(line.id));
  const unknown = ids.find((id) => !named.some((line) => line.id === id));
  if (unknown) throw BadUserInputError.field('orderLineIds', `${unknown} is not a line of this order`);
  const unpackable = named.find((line) => !packable(line));
  if (unpackable) throw new InvalidStateError(`Line ${unpackable.id} is already shipped or fully cancelled`);
  return named;
}

/** What the provider is asked about: only the six tracked carriers' parcels. */
function trackedParcelOf(shipment: Shipment): TrackedParcel | null {
  if (!isTrackedCarrier(shipment.carrier) || !shipment.trackingNumber) return null;
  return { carrier: shipment.carrier, trackingNumber: shipment.trackingNumber, registeredAt: shipment.registeredAt };
}
