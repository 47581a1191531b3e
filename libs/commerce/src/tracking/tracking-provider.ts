import type { Carrier } from '../carrier.js';

/** A registered courier parcel, as a tracking provider needs it. */
export interface TrackedParcel {
  carrier: Carrier;
  /** Digits only. */
  trackingNumber: string;
  /** When the parcel was registered or last corrected (`updateShipment`). */
  registeredAt: Date;
}

/** What a provider knows of a parcel: the carrier's first scan (집하) and its delivery, each null until known. */
export interface ParcelProgress {
  firstScanAt: Date | null;
  deliveredAt: Date | null;
}

/** One parcel's progress pushed by a provider's webhook. */
export interface PushedParcelProgress extends ParcelProgress {
  carrier: Carrier;
  trackingNumber: string;
  /** The provider's own id of this push, so a repeated delivery of it is applied once. */
  eventId: string;
}

/** An HTTP request to `POST /webhooks/tracking/:provider`, as the controller received it. */
export interface TrackingWebhookRequest {
  headers: Record<string, string | string[] | undefined>;
  /** The callback URL's query (Express `req.query`): where providers that cannot sign or set headers carry our secret. */
  query?: Record<string, unknown>;
  rawBody: Buffer;
}

/** The provider could not answer now (network error, time-out, 5xx): the job retries later. */
export class TrackingUnavailableError extends Error {}

/** The push is not from the provider (bad or missing signature: 401) or cannot be read (malformed body: 400); nothing applied. */
export class TrackingWebhookRejectedError extends Error {
  constructor(
    message: string,
    readonly httpStatus: 400 | 401 = 401,
  ) {
    super(message);
  }
}

/**
 * The tracking port (docs/RULES.md §17): `simulated` (the default) and `sweettracker`, chosen by
 * TRACKING_PROVIDER. Only the six carriers of TRACKED_CARRIER_CODES are ever asked about.
 */
export interface TrackingProvider {
  readonly name: string;
  /** How often open courier parcels are polled; null when the provider schedules its own checks (simulated). */
  readonly pollIntervalMs: number | null;
  /**
   * For a provider without polling: when to ask about a parcel just registered or corrected (the simulated
   * provider's scan at registration and delivery on the 2nd business day, docs/RULES.md §17).
   */
  scheduledChecks?(parcel: TrackedParcel): Promise<Date[]>;
  /** What the provider knows of the parcel at `now`. Throws TrackingUnavailableError when it cannot tell. */
  progress(parcel: TrackedParcel, now: Date): Promise<ParcelProgress>;
  /** Verifies and parses a push. Throws TrackingWebhookRejectedError for anything not from the provider. */
  parseWebhook(request: TrackingWebhookRequest): PushedParcelProgress[];
}

/** Nest injection token of the configured TrackingProvider. */
export const TRACKING_PROVIDER = Symbol('TRACKING_PROVIDER');
