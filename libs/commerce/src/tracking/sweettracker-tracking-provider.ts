import { createHash, timingSafeEqual } from 'node:crypto';
import { ConfigError, type DureConfig } from '../../../common/src/index.js';
import { TRACKED_CARRIER_CODES, type Carrier } from '../carrier.js';
import {
  TrackingUnavailableError,
  TrackingWebhookRejectedError,
  type ParcelProgress,
  type PushedParcelProgress,
  type TrackedParcel,
  type TrackingProvider,
  type TrackingWebhookRequest,
} from './tracking-provider.js';

export interface SweetTrackerSettings {
  /** The `t_key` issued by SweetTracker. */
  apiKey: string;
  /** `https://info.sweettracker.co.kr`, or a fake server in tests. */
  baseUrl: string;
  timeoutMs: number;
  /** What a push's callback URL must carry as `?secret=`; undefined refuses every push. */
  webhookSecret?: string;
}

/**
 * The SweetTracker settings of the configuration, for TRACKING_PROVIDER=sweettracker: without an API key
 * the server must not start (it would poll for nothing and strike agencies for scans it never saw).
 */
export function sweetTrackerSettings(config: DureConfig): SweetTrackerSettings {
  if (!config.sweetTrackerApiKey) throw new ConfigError(['SWEETTRACKER_API_KEY is required when TRACKING_PROVIDER=sweettracker']);
  return {
    apiKey: config.sweetTrackerApiKey,
    baseUrl: config.sweetTrackerBaseUrl,
    timeoutMs: config.sweetTrackerTimeoutMs,
    webhookSecret: config.sweetTrackerWebhookSecret,
  };
}

/** SweetTracker's `level`: 1 배송준비중 (label only), 2 집화완료, 3 배송중, 4 지점 도착, 5 배송출발, 6 배송완료. */
const PICKED_UP_LEVEL = 2;
const DELIVERED_LEVEL = 6;

/** `status: false` codes that mean "nothing is known of this invoice" (no scan yet, or no such number) rather than a failure. */
const NO_DATA_CODES = new Set(['104', '105']);

/** One entry of `trackingDetails` in the `trackingInfo` answer (the fields we read). */
interface SweetTrackerDetail {
  level?: unknown;
  /** `2024-03-05 14:10:00`, Korean time. */
  timeString?: unknown;
}

/** The `trackingInfo` answer: the parcel's scans, or `{ status: false, code, msg }`. */
interface SweetTrackerAnswer {
  status?: unknown;
  code?: unknown;
  msg?: unknown;
  complete?: unknown;
  level?: unknown;
  trackingDetails?: unknown;
}

/** The tracking API's callback (callback_type=json): one scan of a registered invoice. */
interface SweetTrackerPush {
  /** Our id of the registration: `<t_code>_<invoice>` (see parseWebhook). */
  fid?: unknown;
  invoice_no?: unknown;
  level?: unknown;
  /** When the carrier scanned it, Korean time. */
  time_trans?: unknown;
}

const CARRIER_BY_CODE = new Map(Object.entries(TRACKED_CARRIER_CODES).map(([carrier, code]) => [code, carrier as Carrier]));

/**
 * The SweetTracker (스마트택배) tracking provider (docs/RULES.md §17): polls `GET /api/v1/trackingInfo` every
 * 2 h with the carrier's `t_code`. The first scan is the first detail from 집화완료 (level 2) on — a level-1
 * entry only says the sender printed a label; the delivery is `complete` / level 6, at its detail's time.
 */
export class SweetTrackerTrackingProvider implements TrackingProvider {
  readonly name = 'sweettracker';
  readonly pollIntervalMs = 2 * 60 * 60 * 1000;

  constructor(private readonly settings: SweetTrackerSettings) {}

  async progress(parcel: TrackedParcel): Promise<ParcelProgress> {
    const code = TRACKED_CARRIER_CODES[parcel.carrier];
    if (!code) throw new Error(`${parcel.carrier} parcels are not tracked (docs/RULES.md §17)`);
    const url = new URL('/api/v1/trackingInfo', this.settings.baseUrl);
    url.search = new URLSearchParams({ t_key: this.settings.apiKey, t_code: code, t_invoice: parcel.trackingNumber }).toString();
    let response: Response;
    let answer: SweetTrackerAnswer;
    try {
      response = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(this.settings.timeoutMs) });
      answer = response.ok ? ((await response.json()) as SweetTrackerAnswer) : {};
    } catch (error) {
      // The key is in the URL: only the failure's own message is kept.
      throw new TrackingUnavailableError(`SweetTracker unreachable: ${(error as Error).message}`);
    }
    if (!response.ok) throw new TrackingUnavailableError(`SweetTracker answered HTTP ${response.status}`);
    if (answer.status === false) {
      if (NO_DATA_CODES.has(String(answer.code))) return { firstScanAt: null, deliveredAt: null };
      throw new TrackingUnavailableError(`SweetTracker refused the query (${String(answer.code)}): ${String(answer.msg)}`);
    }
    return progressOf(answer);
  }

  /**
   * SweetTracker signs nothing, so a push counts only when its callback URL carries our secret, compared in
   * constant time. The invoice is registered with `fid = <t_code>_<invoice>` (the push names no carrier).
   */
  parseWebhook(request: TrackingWebhookRequest): PushedParcelProgress[] {
    if (!this.settings.webhookSecret || !sameSecret(request.query?.secret, this.settings.webhookSecret)) {
      throw new TrackingWebhookRejectedError('SweetTracker push without the callback secret');
    }
    let push: SweetTrackerPush;
    try {
      push = JSON.parse(request.rawBody.toString('utf8')) as SweetTrackerPush;
    } catch {
      throw new TrackingWebhookRejectedError('SweetTracker push is not JSON');
    }
    const [code, invoice, extra] = typeof push?.fid === 'string' ? push.fid.split('_') : [];
    const carrier = CARRIER_BY_CODE.get(code ?? '');
    const level = Number(push?.level);
    const scannedAt = kstTime(push?.time_trans);
    if (!carrier || extra !== undefined || invoice !== push.invoice_no || !/^\d+$/.test(invoice ?? '')) {
      throw new TrackingWebhookRejectedError('SweetTracker push names no tracked parcel');
    }
    if (!Number.isInteger(level) || level < 1 || level > DELIVERED_LEVEL || !scannedAt) {
      throw new TrackingWebhookRejectedError('SweetTracker push has no valid level and time');
    }
    return [
      {
        carrier,
        trackingNumber: invoice!,
        // Any scan from pick-up on bounds the first one; the consumer keeps the earliest it heard of.
        firstScanAt: level >= PICKED_UP_LEVEL ? scannedAt : null,
        deliveredAt: level === DELIVERED_LEVEL ? scannedAt : null,
        // SweetTracker gives a push no id of its own; a redelivery repeats this one.
        eventId: `${push.fid as string}:${level}:${scannedAt.toISOString()}`,
      },
    ];
  }
}

function progressOf(answer: SweetTrackerAnswer): ParcelProgress {
  if (!Array.isArray(answer.trackingDetails)) throw new TrackingUnavailableError('SweetTracker answered without trackingDetails');
  const scans = (answer.trackingDetails as SweetTrackerDetail[]).map((detail) => {
    const at = kstTime(detail?.timeString);
    if (!at) throw new TrackingUnavailableError(`SweetTracker answered an unreadable time: ${String(detail?.timeString)}`);
    return { level: Number(detail.level), at };
  });
  scans.sort((a, b) => a.at.getTime() - b.at.getTime());
  const firstScan = scans.find((scan) => scan.level >= PICKED_UP_LEVEL);
  const delivered = answer.complete === true || Number(answer.level) === DELIVERED_LEVEL;
  const delivery = scans.findLast((scan) => scan.level === DELIVERED_LEVEL) ?? scans.at(-1);
  return {
    // A delivered parcel was picked up, whatever level its carrier reported first.
    firstScanAt: firstScan?.at ?? (delivered ? (scans[0]?.at ?? null) : null),
    deliveredAt: delivered ? (delivery?.at ?? null) : null,
  };
}

/** `2024-03-05 14:10:00` (or `20240305141000`, seconds optional) in Korean time, which has no daylight saving. */
function kstTime(value: unknown): Date | null {
  const parts = typeof value === 'string' ? /^(\d{4})[-.]?(\d{2})[-.]?(\d{2})[ T]?(\d{2}):?(\d{2})(?::?(\d{2}))?$/.exec(value.trim()) : null;
  if (!parts) return null;
  const [, year, month, day, hour, minute, second = '00'] = parts;
  const at = new Date(`${year}-${month}-${day}T${hour}:${minute}:${second}+09:00`);
  return Number.isNaN(at.getTime()) ? null : at;
}

/** Compared as digests, in constant time: neither the secret's length nor a prefix leaks. */
function sameSecret(given: unknown, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return typeof given === 'string' && timingSafeEqual(digest(given), digest(expected));
}
