import { ConfigError, loadConfig } from '../../libs/common/src/index.js';
import { Carrier, TRACKED_CARRIER_CODES } from '../../libs/commerce/src/carrier.js';
import { SweetTrackerTrackingProvider, sweetTrackerSettings } from '../../libs/commerce/src/tracking/sweettracker-tracking-provider.js';
import {
  TrackingUnavailableError,
  TrackingWebhookRejectedError,
  type TrackedParcel,
  type TrackingProvider,
  type TrackingWebhookRequest,
} from '../../libs/commerce/src/tracking/tracking-provider.js';
import { FakeSweetTrackerServer } from '../support/fake-sweettracker-server.js';

const API_KEY = 'st-test-key-0001';
const SECRET = 'callback-secret-0123456789';
const REGISTERED_AT = new Date('2026-03-16T00:00:00Z');
const NOW = new Date('2026-03-18T00:00:00Z');

const parcel = (trackingNumber: string, carrier = Carrier.CJ_LOGISTICS): TrackedParcel => ({ carrier, trackingNumber, registeredAt: REGISTERED_AT });

// Through the port, as the tracking jobs and the webhook controller use it.
describe('SweetTracker tracking provider (docs/RULES.md §17) against a fake SweetTracker', () => {
  let fake: FakeSweetTrackerServer;
  let provider: TrackingProvider;

  beforeAll(async () => {
    fake = await FakeSweetTrackerServer.start(API_KEY);
    // Roomy enough for a loaded CI machine, well below the slow answer's 5 s.
    provider = new SweetTrackerTrackingProvider({ apiKey: API_KEY, baseUrl: fake.url, timeoutMs: 1_500, webhookSecret: SECRET });
  });
  afterAll(() => fake.close());

  it('polls every 2 hours', () => {
    expect(provider.name).toBe('sweettracker');
    expect(provider.pollIntervalMs).toBe(7_200_000);
  });

  it('a scanned parcel: the first scan is the pick-up (집화, level 2), read as Korean time; not delivered yet', async () => {
    fake.scan('04', '610000000001', [1, '2026-03-16 09:00:00'], [2, '2026-03-16 14:10:00'], [3, '2026-03-16 22:05:00']);
    await expect(provider.progress(parcel('610000000001'), NOW)).resolves.toEqual({
      firstScanAt: new Date('2026-03-16T05:10:00Z'),
      deliveredAt: null,
    });
    expect(fake.queries.at(-1)).toEqual({ t_key: API_KEY, t_code: '04', t_invoice: '610000000001' });
  });

  it('a label the sender only printed (배송준비중, level 1) is no carrier scan', async () => {
    fake.scan('04', '610000000002', [1, '2026-03-16 09:00:00']);
    await expect(provider.progress(parcel('610000000002'), NOW)).resolves.toEqual({ firstScanAt: null, deliveredAt: null });
  });

  it('a delivered parcel (complete, level 6): delivered at its 배달완료 scan', async () => {
    fake.scan('04', '610000000003', [2, '2026-03-16 14:10:00'], [3, '2026-03-16 22:05:00'], [5, '2026-03-17 07:30:00'], [6, '2026-03-17 15:42:10']);
    await expect(provider.progress(parcel('610000000003'), NOW)).resolves.toEqual({
      firstScanAt: new Date('2026-03-16T05:10:00Z'),
      deliveredAt: new Date('2026-03-17T06:42:10Z'),
    });
  });

  it('an invoice SweetTracker knows nothing of ("no data") is no progress, not an error', async () => {
    await expect(provider.progress(parcel('999000000001'), NOW)).resolves.toEqual({ firstScanAt: null, deliveredAt: null });
  });

  it('a wrong key is a failure to retry, not "no data" (which could strike an agency)', async () => {
    fake.scan('04', '610000000004', [2, '2026-03-16 14:10:00']);
    const wrongKey: TrackingProvider = new SweetTrackerTrackingProvider({ apiKey: 'not-the-key', baseUrl: fake.url, timeoutMs: 300 });
    await expect(wrongKey.progress(parcel('610000000004'), NOW)).rejects.toThrow(TrackingUnavailableError);
    await expect(wrongKey.progress(parcel('610000000004'), NOW)).rejects.toThrow(/101/);
  });

  it('5xx answers are unavailable; the next poll reads the parcel', async () => {
    fake.scan('04', '610000000005', [2, '2026-03-16 14:10:00']);
    fake.script('610000000005', { status: 502 }, { status: 500 });
    await expect(provider.progress(parcel('610000000005'), NOW)).rejects.toThrow(TrackingUnavailableError);
    await expect(provider.progress(parcel('610000000005'), NOW)).rejects.toThrow(/HTTP 500/);
    await expect(provider.progress(parcel('610000000005'), NOW)).resolves.toEqual({ firstScanAt: new Date('2026-03-16T05:10:00Z'), deliveredAt: null });
  });

  it('a slow answer times out (SWEETTRACKER_TIMEOUT_MS) as unavailable', async () => {
    fake.scan('04', '610000000006', [2, '2026-03-16 14:10:00']);
    fake.script('610000000006', { delayMs: 5_000 });
    const started = Date.now();
    await expect(provider.progress(parcel('610000000006'), NOW)).rejects.toThrow(TrackingUnavailableError);
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  it('an unreachable SweetTracker is unavailable', async () => {
    const closed = await FakeSweetTrackerServer.start(API_KEY);
    await closed.close();
    const unreachable: TrackingProvider = new SweetTrackerTrackingProvider({ apiKey: API_KEY, baseUrl: closed.url, timeoutMs: 300 });
    await expect(unreachable.progress(parcel('610000000001'), NOW)).rejects.toThrow(TrackingUnavailableError);
  });

  it.each(Object.entries(TRACKED_CARRIER_CODES))('%s parcels are asked for with t_code %s', async (carrier, code) => {
    const trackingNumber = `7${code}0000000001`;
    fake.scan(code, trackingNumber, [2, '2026-03-16 14:10:00']);
    await expect(provider.progress(parcel(trackingNumber, carrier as Carrier), NOW)).resolves.toEqual({
      firstScanAt: new Date('2026-03-16T05:10:00Z'),
      deliveredAt: null,
    });
    expect(fake.queries.at(-1)).toMatchObject({ t_code: code, t_invoice: trackingNumber });
  });

  it('tracks exactly the six couriers of §17', () => {
    expect(Object.keys(TRACKED_CARRIER_CODES).sort()).toEqual(
      [Carrier.CJ_LOGISTICS, Carrier.HANJIN, Carrier.KD_EXPRESS, Carrier.KOREA_POST, Carrier.LOGEN, Carrier.LOTTE].sort(),
    );
  });
});

describe('SweetTracker pushes (tracking API callback)', () => {
  const provider: TrackingProvider = new SweetTrackerTrackingProvider({
    apiKey: API_KEY,
    baseUrl: 'http://127.0.0.1:9',
    timeoutMs: 300,
    webhookSecret: SECRET,
  });
  const push = (body: unknown, query: Record<string, unknown> = { secret: SECRET }): TrackingWebhookRequest => ({
    headers: { 'content-type': 'application/json' },
    query,
    rawBody: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
  });
  const delivered = {
    fid: '05_412345678901',
    invoice_no: '412345678901',
    level: '6',
    time_trans: '2026-03-17 15:42:10',
    time_sweet: '2026-03-17 15:50:02',
    where: '서울강남',
    telno_office: '',
    telno_man: '',
    details: '배달완료',
    recv_addr: '',
    recv_name: '',
    send_name: '',
    man: '',
    estmate: '',
  };

  it('parses a genuine delivery push, with an id that a redelivery repeats', () => {
    const [progress] = provider.parseWebhook(push(delivered));
    expect(progress).toEqual({
      carrier: Carrier.HANJIN,
      trackingNumber: '412345678901',
      firstScanAt: new Date('2026-03-17T06:42:10Z'),
      deliveredAt: new Date('2026-03-17T06:42:10Z'),
      eventId: expect.any(String),
    });
    expect(provider.parseWebhook(push(delivered))[0].eventId).toBe(progress.eventId);
    expect(provider.parseWebhook(push({ ...delivered, level: '5' }))[0].eventId).not.toBe(progress.eventId);
  });

  it('a pick-up push is the first scan only; a label (level 1) is neither', () => {
    expect(provider.parseWebhook(push({ ...delivered, level: 2, time_trans: '2026-03-16 14:10:00' }))[0]).toMatchObject({
      firstScanAt: new Date('2026-03-16T05:10:00Z'),
      deliveredAt: null,
    });
    expect(provider.parseWebhook(push({ ...delivered, level: '1' }))[0]).toMatchObject({ firstScanAt: null, deliveredAt: null });
  });

  it.each([
    ['no secret', {}],
    ['a wrong secret', { secret: 'callback-secret-0123456788' }],
    ['a prefix of the secret', { secret: SECRET.slice(0, 10) }],
    ['the secret twice', { secret: [SECRET, SECRET] }],
  ])('rejects a forged push with %s', (_name, query) => {
    expect(() => provider.parseWebhook(push(delivered, query))).toThrow(TrackingWebhookRejectedError);
  });

  it('without a configured secret every push is rejected', () => {
    const unconfigured = new SweetTrackerTrackingProvider({ apiKey: API_KEY, baseUrl: 'http://127.0.0.1:9', timeoutMs: 300 });
    expect(() => unconfigured.parseWebhook(push(delivered, { secret: '' }))).toThrow(TrackingWebhookRejectedError);
    expect(() => unconfigured.parseWebhook(push(delivered))).toThrow(TrackingWebhookRejectedError);
  });

  it.each([
    ['a body that is not JSON', 'fid=05_412345678901&level=6'],
    ['JSON null', 'null'],
    ['a carrier code we do not track', { ...delivered, fid: '99_412345678901' }],
    ['a fid naming another invoice', { ...delivered, fid: '05_412345678902' }],
    ['a fid that is not ours', { ...delivered, fid: 'order-77' }],
    ['no invoice', { ...delivered, invoice_no: undefined }],
    ['an unknown level', { ...delivered, level: '9' }],
    ['no level', { ...delivered, level: undefined }],
    ['an unreadable time', { ...delivered, time_trans: 'yesterday' }],
  ])('rejects a malformed push: %s', (_name, body) => {
    expect(() => provider.parseWebhook(push(body))).toThrow(TrackingWebhookRejectedError);
  });
});

describe('SweetTracker settings', () => {
  const base = { JWT_SECRET: 'a'.repeat(32), DURE_DATA_DIR: '/tmp/dure-sweettracker-spec' };

  it('are refused without an API key, naming the variable', () => {
    expect(() => sweetTrackerSettings(loadConfig(base))).toThrow(ConfigError);
    expect(() => sweetTrackerSettings(loadConfig(base))).toThrow(/SWEETTRACKER_API_KEY/);
  });

  it('default to the real host and a 10 s time-out', () => {
    expect(sweetTrackerSettings(loadConfig({ ...base, SWEETTRACKER_API_KEY: API_KEY, SWEETTRACKER_WEBHOOK_SECRET: SECRET }))).toEqual({
      apiKey: API_KEY,
      baseUrl: 'https://info.sweettracker.co.kr',
      timeoutMs: 10_000,
      webhookSecret: SECRET,
    });
  });

  it('refuse a short webhook secret', () => {
    expect(() => loadConfig({ ...base, SWEETTRACKER_WEBHOOK_SECRET: 'short' })).toThrow(/SWEETTRACKER_WEBHOOK_SECRET/);
  });
});
