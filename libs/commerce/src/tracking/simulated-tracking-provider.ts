import { createHmac, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { RequestContext, seoulDateOf } from '../../../common/src/index.js';
import { BusinessCalendarService } from '../../../calendar/src/index.js';
import { Carrier } from '../carrier.js';
import {
  TrackingWebhookRejectedError,
  type ParcelProgress,
  type PushedParcelProgress,
  type TrackedParcel,
  type TrackingProvider,
  type TrackingWebhookRequest,
} from './tracking-provider.js';

/** Numbers beginning with this are never scanned: a fake tracking number, to try MISSING_TRACKING_NUMBER. */
const NEVER_SCANNED_PREFIX = '999';
/** Business days after registration when the simulated courier delivers, at DELIVERY_HOUR_KST. */
const DELIVERY_BUSINESS_DAYS = 2;
const DELIVERY_HOUR_KST = 18;
/** The key the simulated provider signs its pushes with: public, since it stands for no real courier. */
export const SIMULATED_TRACKING_WEBHOOK_SECRET = 'dure-simulated-tracking';
export const SIMULATED_SIGNATURE_HEADER = 'x-simulated-signature';

/**
 * The default tracking provider (docs/RULES.md §17), with no network: a courier parcel is scanned when it is
 * registered and delivered at 18:00 KST on the 2nd business day after; numbers beginning 999 are never scanned.
 * Pushes are JSON `{ events: [{ eventId, carrier, trackingNumber, firstScanAt, deliveredAt }] }` signed with
 * hex HMAC-SHA256 of the body in `x-simulated-signature`.
 */
@Injectable()
export class SimulatedTrackingProvider implements TrackingProvider {
  readonly name = 'simulated';
  readonly pollIntervalMs = null;

  constructor(private readonly calendar: BusinessCalendarService) {}

  async scheduledChecks(parcel: TrackedParcel): Promise<Date[]> {
    return [parcel.registeredAt, await this.deliveryOf(parcel)];
  }

  async progress(parcel: TrackedParcel, now: Date): Promise<ParcelProgress> {
    if (parcel.trackingNumber.startsWith(NEVER_SCANNED_PREFIX)) return { firstScanAt: null, deliveredAt: null };
    const deliveredAt = await this.deliveryOf(parcel);
    return { firstScanAt: parcel.registeredAt <= now ? parcel.registeredAt : null, deliveredAt: deliveredAt <= now ? deliveredAt : null };
  }

  parseWebhook(request: TrackingWebhookRequest): PushedParcelProgress[] {
    const signature = request.headers[SIMULATED_SIGNATURE_HEADER];
    const expected = createHmac('sha256', SIMULATED_TRACKING_WEBHOOK_SECRET).update(request.rawBody).digest();
    const given = typeof signature === 'string' && /^[0-9a-f]{64}$/i.test(signature) ? Buffer.from(signature, 'hex') : null;
    if (!given || !timingSafeEqual(given, expected)) throw new TrackingWebhookRejectedError('Bad or missing signature');
    let body: unknown;
    try {
      body = JSON.parse(request.rawBody.toString('utf8'));
    } catch {
      throw new TrackingWebhookRejectedError('The body is not JSON', 400);
    }
    const events = (body as { events?: unknown })?.events;
    if (!Array.isArray(events)) throw new TrackingWebhookRejectedError('The body has no events', 400);
    return events.map(pushedProgressOf);
  }

  private async deliveryOf(parcel: TrackedParcel): Promise<Date> {
    const ctx = RequestContext.system('simulated-tracking');
    const day = await this.calendar.nthBusinessDayAfter(ctx, seoulDateOf(parcel.registeredAt), DELIVERY_BUSINESS_DAYS);
    return new Date(`${day}T${String(DELIVERY_HOUR_KST).padStart(2, '0')}:00:00+09:00`);
  }
}

function pushedProgressOf(event: unknown): PushedParcelProgress {
  const { eventId, carrier, trackingNumber, firstScanAt, deliveredAt } = (event ?? {}) as Record<string, unknown>;
  if (typeof eventId !== 'string' || !eventId || eventId.length > 200) throw new TrackingWebhookRejectedError('An event has no eventId', 400);
  if (!Object.values(Carrier).includes(carrier as Carrier)) throw new TrackingWebhookRejectedError(`Unknown carrier ${String(carrier)}`, 400);
  if (typeof trackingNumber !== 'string' || !/^\d{1,20}$/.test(trackingNumber)) throw new TrackingWebhookRejectedError('Bad trackingNumber', 400);
  return { eventId, carrier: carrier as Carrier, trackingNumber, firstScanAt: instantOf(firstScanAt), deliveredAt: instantOf(deliveredAt) };
}

function instantOf(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  const instant = typeof value === 'string' ? new Date(value) : null;
  if (!instant || Number.isNaN(instant.getTime())) throw new TrackingWebhookRejectedError(`Bad instant ${String(value)}`, 400);
  return instant;
}
