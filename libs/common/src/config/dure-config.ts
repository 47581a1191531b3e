import { hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { IANAZone } from 'luxon';

export type NodeEnv = 'development' | 'production' | 'test';

/** Every setting of the server, read once from the environment and validated at start-up. */
export class DureConfig {
  nodeEnv: NodeEnv;
  port: number;
  /** Unset: an embedded PostgreSQL is started with its data under `dataDir`. */
  databaseUrl?: string;
  databasePoolSize: number;
  dataDir: string;
  jwtSecret: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
  refreshTokenReuseGraceSeconds: number;
  publicWebUrl: string;
  testClock: boolean;
  operatorEmail?: string;
  operatorPassword?: string;
  /** Whether this process also works the job queue (an `apps/worker` process can do it instead). */
  runJobs: boolean;
  jobPollIntervalMs: number;
  /** How long a job's claim holds without a heartbeat: how soon a job whose process stopped runs again. */
  jobClaimMs: number;
  jobTimeoutMs: number;
  demoData: boolean;
  logLevel: string;
  trustProxy: boolean;
  /** Bearer token that `/metrics` requires; unset, there is no `/metrics`. */
  metricsToken?: string;
  /** After SIGTERM, how long `/ready` answers 503 while requests are still served, before the server closes. */
  shutdownDrainMs: number;
  /** Larger request bodies are refused with HTTP 413 before they are parsed. */
  requestBodyLimitBytes: number;
  graphqlMaxDepth: number;
  /** The estimated work an operation may ask for (a list costs its children once per item it may hold). */
  graphqlMaxComplexity: number;
  /** Tokens a GraphQL document may have; parsing stops past them, before any other work. */
  graphqlMaxTokens: number;
  /** Aliased field selections per operation, counted wherever their fragment is spread. */
  graphqlMaxAliases: number;
  /** Root fields (distinct response keys) per operation. */
  graphqlMaxRootFields: number;
  /** Directives per operation, counted like aliases. */
  graphqlMaxDirectives: number;
  /** Larger answers are replaced by a LIMIT_EXCEEDED error. */
  graphqlMaxResponseBytes: number;
  /** How long a query operation may execute before the rest of its work is refused with LIMIT_EXCEEDED. */
  graphqlMaxExecutionMs: number;
  /** Whether operations run compiled (graphql-jit, each document compiled once) instead of through graphql-js's `execute`. */
  graphqlCompiledExecution: boolean;
  /** How long anonymous public catalog answers may be reused (0: never); any commit drops them sooner. */
  publicCacheTtlMs: number;
  loginFailuresPerEmail: number;
  loginFailuresPerAddress: number;
  loginFailureWindowMinutes: number;
  /** Root mutation fields one client (signed-in user, else client address) may run per sliding minute. */
  mutationRateLimitPerMinute: number;
  /** Payment webhook posts one client address may make per sliding minute. */
  paymentWebhookRateLimitPerMinute: number;
  /** How long an invitation to join an organization can be accepted. */
  organizationInvitationTtlDays: number;
  /** Which payment provider takes the money: `simulated` (no network) or `toss` (Toss Payments API v1). */
  paymentProvider: PaymentProviderName;
  tossSecretKey?: string;
  tossApiBaseUrl: string;
  /** 32 bytes, base64: encrypts billing keys at rest (AES-256-GCM); outside production derived from the JWT secret when unset. */
  billingKeyEncryptionKey: string;
  /** How long one provider call may take before its outcome counts as unknown. */
  paymentProviderTimeoutMs: number;
  /** Added to every simulated provider call (for trying time-outs and races by hand). */
  paymentSimulatedLatencyMs: number;
  /** Days after an unpaid dues invoice's due date before an ACTIVE partner agency is suspended (docs/RULES.md §5). */
  duesGraceDays: number;
  /** How many days before a billing period ends the next dues invoice is issued (docs/RULES.md §5). */
  duesIssueAheadDays: number;
  /** How long a rejected organization waits before applying again as a partner agency (docs/RULES.md §4). */
  partnerAgencyReapplyWaitDays: number;
  /** How often the dues sweep (issue, overdue, suspend, scheduled tier changes) runs. */
  duesSweepIntervalMinutes: number;
  /** The cancellation policy of a service listing that names none (docs/RULES.md §6). */
  defaultCancellationPolicy: { fullRefundHoursBefore: number; partialRefundHoursBefore: number; partialRefundRateBps: number };
  /** The IANA time zone of a listing's availability when its agency names none (docs/RULES.md §7). */
  defaultTimezone: string;
  /** How long a PENDING_PAYMENT reservation holds its capacity (docs/RULES.md §8). */
  reservationHoldMinutes: number;
  /** How long after its end a CONFIRMED reservation nobody marked is completed automatically (docs/RULES.md §8). */
  reservationAutoCompleteHours: number;
  /** How long an offer stays open when the agency names no `expiresAt` (docs/RULES.md §8). */
  offerDefaultExpiryHours: number;
  /** How long a reservation's idempotency key answers with the same reservation (docs/RULES.md §8). */
  idempotencyKeyTtlHours: number;
  /** How long a checkout holds its stock unpaid (docs/RULES.md §16). */
  checkoutHoldMinutes: number;
  /** Most lines one cart may hold (docs/RULES.md §16). */
  cartMaxLines: number;
  /** Dispatch business days of goods whose listing names none (docs/RULES.md §15). */
  defaultDispatchBusinessDays: number;
  /** How many days after the last shipping day of the original deadline `delayDispatch` may move it (docs/RULES.md §17). */
  dispatchDelayMaxDays: number;
  /** Days before its ship date a subscription delivery is charged and locked, for plans naming none (docs/RULES.md §20). */
  defaultCutoffDays: number;
  /** How many days after today a paused subscription may resume at the latest (docs/RULES.md §20). */
  subscriptionMaxPauseDays: number;
  /** Days after `pastDueSince` of each retry of a declined subscription charge, rising (docs/RULES.md §20, §27). */
  subscriptionRetryDays: readonly number[];
  /** Business days a courier parcel has for its first carrier scan before MISSING_TRACKING_NUMBER (docs/RULES.md §17). */
  trackingScanBusinessDays: number;
  /** Days after shipping when an undelivered parcel is assumed delivered (docs/RULES.md §17). */
  assumedDeliveryDays: number;
  /** Days after delivery when an order confirms itself (docs/RULES.md §17). */
  autoConfirmDays: number;
  /** Days after an order ends that its agency still sees the shipping address unmasked (docs/RULES.md §25). */
  addressRetentionDays: number;
  /** Days after delivery a buyer may return goods for a change of mind (청약철회, docs/RULES.md §18). */
  withdrawalDays: number;
  /** Days of notice before a subscription's price increase may first be charged (docs/RULES.md §20, 정기결제 증액 동의). */
  priceIncreaseNoticeDays: number;
  /** Business days the agency has to accept a return request before it is accepted for it (docs/RULES.md §18). */
  returnAcceptBusinessDays: number;
  /** Business days after a return is received before it is refunded automatically with a strike (docs/RULES.md §18). */
  returnRefundBusinessDays: number;
  /** Days after issue an agency may dispute its settlement statement (docs/RULES.md §22). */
  settlementDisputeDays: number;
  /** Day of the next month a settlement statement is payable, moved to a business day (docs/RULES.md §22). */
  settlementPayDay: number;
  /** Which tracking provider follows courier parcels (docs/RULES.md §17). */
  trackingProvider: TrackingProviderName;
  /** Per tracked carrier, the parcel page with `{trackingNumber}` in it; a carrier without one has no trackingUrl. */
  trackingUrlTemplates: Record<string, string>;
  /** Tracking webhook posts one client address may make per sliding minute. */
  trackingWebhookRateLimitPerMinute: number;
  /** How long a referral click can still earn its market creator a sale (docs/RULES.md §10). */
  attributionWindowDays: number;
  /** Approved commissions below this sum are carried over to the next payout (docs/RULES.md §10). */
  payoutMinimumWon: number;
  /** Where listing images are kept: `local` (files under `<dataDir>/media`, served by this server) or `s3`. */
  mediaStorage: MediaStorageName;
  /** Images are fetched at `<base>/media/<key>` (local) or `<base>/<key>` (s3); local uploads go to `<base>/uploads/…`. */
  mediaPublicBaseUrl: string;
  /** How long an upload URL works; an upload not attached within a day is deleted by a job. */
  mediaUploadTtlMinutes: number;
  /** The bucket of the s3 driver (AWS S3, NCP Object Storage, MinIO); unset with `local`. */
  s3?: S3Settings;
  /** Unset: e-mails are written as .eml files under `<dataDir>/mail`. */
  smtpUrl?: string;
  mailFrom: string;
  /** Which 카카오 알림톡 provider sends: `simulated` (no network) or `solapi`. */
  alimtalkProvider: AlimtalkProviderName;
  solapi?: SolapiSettings;
  solapiApiBaseUrl: string;
  /** How long one e-mail or 알림톡 send may take before the attempt counts as failed (and is retried). */
  notificationProviderTimeoutMs: number;
  /** The SweetTracker (스마트택배) tracking settings; `sweetTrackerSettings` checks them when that provider is chosen. */
  sweetTrackerApiKey?: string;
  sweetTrackerBaseUrl: string;
  sweetTrackerTimeoutMs: number;
  /** What SweetTracker's pushes must carry in their callback URL (`?secret=`); unset, every push is refused. */
  sweetTrackerWebhookSecret?: string;
}

export const MEDIA_STORAGE_NAMES = ['local', 's3'] as const;
export type MediaStorageName = (typeof MEDIA_STORAGE_NAMES)[number];

export interface S3Settings {
  bucket: string;
  region: string;
  /** Unset: AWS itself. */
  endpoint?: string;
  /** `<endpoint>/<bucket>/<key>` instead of `<bucket>.<endpoint>/<key>` (MinIO, most S3-compatible stores). */
  forcePathStyle: boolean;
  /** Unset: the AWS SDK's own credential chain (instance roles, ~/.aws). */
  accessKeyId?: string;
  secretAccessKey?: string;
}

export const ALIMTALK_PROVIDER_NAMES = ['simulated', 'solapi'] as const;
export type AlimtalkProviderName = (typeof ALIMTALK_PROVIDER_NAMES)[number];

export interface SolapiSettings {
  apiKey: string;
  apiSecret: string;
  /** The 카카오 비즈니스 채널's id at Solapi. */
  pfId: string;
  /** The registered sending number (SMS fallback). */
  senderNumber: string;
  /** Solapi's template id for each notification kind that has a reviewed 알림톡 template. */
  templateIds: Record<string, string>;
}

export const TRACKING_PROVIDER_NAMES = ['simulated', 'sweettracker'] as const;
export type TrackingProviderName = (typeof TRACKING_PROVIDER_NAMES)[number];

/** The tracking-page setting of each tracked carrier (docs/RULES.md §17), read into `trackingUrlTemplates`. */
export const TRACKING_URL_TEMPLATE_VARIABLES = {
  CJ_LOGISTICS: 'TRACKING_URL_CJ_LOGISTICS',
  KOREA_POST: 'TRACKING_URL_KOREA_POST',
  HANJIN: 'TRACKING_URL_HANJIN',
  LOTTE: 'TRACKING_URL_LOTTE',
  LOGEN: 'TRACKING_URL_LOGEN',
  KD_EXPRESS: 'TRACKING_URL_KD_EXPRESS',
} as const;

export const PAYMENT_PROVIDER_NAMES = ['simulated', 'toss'] as const;
export type PaymentProviderName = (typeof PAYMENT_PROVIDER_NAMES)[number];

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

type Env = Record<string, string | undefined>;

export interface ConfigVariable {
  /** One line for `.env.example`. */
  description: string;
  /** Taken when the variable is unset or empty. */
  default?: string | number | boolean;
  /** Said instead of `default` when the default depends on other settings. */
  defaultNote?: string;
  /** Bounds of an integer setting. */
  min?: number;
  max?: number;
}

/** How long a production API keeps serving after SIGTERM while load balancers see /ready fail. */
const PRODUCTION_SHUTDOWN_DRAIN_MS = 5000;

/**
 * Every environment variable the server reads, with its default and what it does: the one place both
 * `loadConfig` and the generated `.env.example` (`npm run env:example`) take them from.
 */
export const CONFIG_VARIABLES = {
  NODE_ENV: {
    default: 'development',
    description:
      '`development`, `production` or `test`; production requires DATABASE_URL, JWT_SECRET, BILLING_KEY_ENCRYPTION_KEY and PAYMENT_PROVIDER, refuses DURE_TEST_CLOCK and turns off demo data, introspection and Sandbox.',
  },
  PORT: { default: 3000, min: 0, max: 65535, description: 'HTTP port of the API.' },
  DATABASE_URL: { defaultNote: 'an embedded PostgreSQL under DURE_DATA_DIR', description: 'A postgres:// or postgresql:// URL of the database.' },
  DATABASE_POOL_SIZE: { default: 10, min: 1, max: 1000, description: 'Maximum database connections per process.' },
  DURE_DATA_DIR: {
    default: '.dure',
    description: 'Folder for the embedded database (pgdata/) and the generated jwt-secret, relative to the working directory.',
  },
  JWT_SECRET: {
    defaultNote: 'generated once into <DURE_DATA_DIR>/jwt-secret outside production',
    description: 'Signs access tokens and keys the hashes of client addresses; at least 32 characters, the same in every process.',
  },
  ACCESS_TOKEN_TTL_SECONDS: { default: 900, min: 30, description: 'Access token lifetime in seconds.' },
  REFRESH_TOKEN_TTL_DAYS: { default: 30, min: 1, description: 'Refresh token lifetime in days.' },
  REFRESH_TOKEN_REUSE_GRACE_SECONDS: {
    default: 10,
    min: 0,
    max: 30,
    description:
      'A refresh token presented again this soon after its rotation gets the same new pair (two tabs refreshing at once); later, reuse revokes the session.',
  },
  PUBLIC_WEB_URL: { default: 'http://localhost:3000', description: 'Base URL of the web front end, for links the server builds (referral links …/r/<code>).' },
  DURE_TEST_CLOCK: { default: false, description: 'Enables the operator mutation advanceTestClock; never allowed in production.' },
  DURE_OPERATOR_EMAIL: { description: 'With DURE_OPERATOR_PASSWORD (both or neither): creates or promotes this operator at start-up.' },
  DURE_OPERATOR_PASSWORD: { description: 'The password DURE_OPERATOR_EMAIL gets at every start-up.' },
  DURE_RUN_JOBS: { default: true, description: 'Whether this API process works the job queue; false when worker processes run.' },
  DURE_JOB_POLL_INTERVAL_MS: {
    default: 1000,
    min: 50,
    description: 'How often a job-working process looks for due jobs when no notification woke it (the fallback).',
  },
  DURE_JOB_CLAIM_MS: {
    default: 60_000,
    min: 1000,
    description:
      'How long a claim on a running job lasts; a heartbeat renews it every third of that, and a lapsed claim (its process died) lets another process take the job.',
  },
  DURE_JOB_TIMEOUT_MS: {
    default: 300_000,
    min: 1000,
    description:
      'How long one attempt of a job may run: a longer one is rolled back, may not touch the database again, and counts as a failed attempt (retried with back-off).',
  },
  DURE_DEMO_DATA: {
    defaultNote: 'true only without DATABASE_URL and outside production',
    description: 'Seed the demo accounts (public passwords) at start-up.',
  },
  LOG_LEVEL: { defaultNote: 'info, or warn when NODE_ENV=test', description: 'pino log level.' },
  METRICS_TOKEN: { description: 'Bearer token Prometheus sends to GET /metrics (at least 16 characters); unset, there is no /metrics.' },
  SHUTDOWN_DRAIN_MS: {
    default: 0,
    defaultNote: `${PRODUCTION_SHUTDOWN_DRAIN_MS} in production, else 0`,
    min: 0,
    max: 300_000,
    description: 'After SIGTERM, /ready answers 503 and the API keeps serving this long before it closes (load balancers stop sending meanwhile).',
  },
  TRUST_PROXY: { default: false, description: 'Express trust proxy: take the client address from X-Forwarded-For (behind a load balancer).' },
  REQUEST_BODY_LIMIT_BYTES: { default: 1024 * 1024, min: 1024, description: 'Larger request bodies are refused with HTTP 413 before they are parsed.' },
  GRAPHQL_MAX_DEPTH: { default: 10, min: 2, description: 'Deeper operations are refused before execution.' },
  GRAPHQL_MAX_COMPLEXITY: {
    default: 5000,
    min: 10,
    description:
      'Costlier operations are refused before execution: a list costs its children once per item it may produce (a connection its `first`, availableSlots its days × 24, another list 10).',
  },
  GRAPHQL_MAX_TOKENS: { default: 1000, min: 100, description: 'Documents with more tokens are refused while they are parsed.' },
  GRAPHQL_MAX_ALIASES: { default: 20, min: 0, description: 'Aliased fields an operation may have, a fragment counted wherever it is spread.' },
  GRAPHQL_MAX_ROOT_FIELDS: { default: 20, min: 1, description: 'Root fields an operation may have.' },
  GRAPHQL_MAX_DIRECTIVES: { default: 50, min: 0, description: 'Directives an operation may have, counted like aliases.' },
  GRAPHQL_MAX_RESPONSE_BYTES: { default: 4 * 1024 * 1024, min: 1024, description: 'A larger answer is replaced by a LIMIT_EXCEEDED error.' },
  GRAPHQL_MAX_EXECUTION_MS: {
    default: 5000,
    min: 10,
    max: 600_000,
    description: 'How long a query operation may run; past it the answer is a LIMIT_EXCEEDED error.',
  },
  GRAPHQL_COMPILED_EXECUTION: {
    default: true,
    description:
      'Run each operation compiled once per document (graphql-jit) instead of interpreting it each time; same answers, less CPU. Traced processes (OTEL_*) interpret.',
  },
  PUBLIC_CACHE_TTL_MS: {
    default: 5000,
    min: 0,
    max: 600_000,
    description: 'How long an anonymous public catalog answer may be reused (0: never); any commit drops them sooner.',
  },
  LOGIN_FAILURES_PER_EMAIL: { default: 5, min: 1, description: 'Failed log-ins per email within the window before RATE_LIMITED.' },
  LOGIN_FAILURES_PER_ADDRESS: { default: 20, min: 1, description: 'Failed log-ins per client address within the window before RATE_LIMITED.' },
  LOGIN_FAILURE_WINDOW_MINUTES: { default: 15, min: 1, description: 'The sliding window of both log-in limits, in minutes.' },
  MUTATION_RATE_LIMIT_PER_MINUTE: {
    default: 120,
    min: 1,
    max: 1_000_000,
    description: 'Root mutation fields one client (signed-in user, else client address) may run per sliding minute.',
  },
  PAYMENT_WEBHOOK_RATE_LIMIT_PER_MINUTE: {
    default: 600,
    min: 1,
    max: 1_000_000,
    description: 'Payment webhook posts one client address may make per sliding minute (429 beyond).',
  },
  ORGANIZATION_INVITATION_TTL_DAYS: { default: 7, min: 1, max: 90, description: 'Days an organization invitation can be accepted.' },
  PAYMENT_PROVIDER: {
    default: 'simulated',
    description: '`simulated` (no network, takes no real money) or `toss` (Toss Payments API v1); required in production.',
  },
  TOSS_SECRET_KEY: { description: 'Toss secret key (test_sk_… / live_sk_…), required with PAYMENT_PROVIDER=toss; never logged.' },
  TOSS_API_BASE_URL: { default: 'https://api.tosspayments.com', description: 'Where the Toss provider sends its requests.' },
  BILLING_KEY_ENCRYPTION_KEY: {
    defaultNote: 'derived from JWT_SECRET outside production',
    description: '32 random bytes in base64 (openssl rand -base64 32) that encrypt billing keys at rest (AES-256-GCM); required in production; never logged.',
  },
  PAYMENT_PROVIDER_TIMEOUT_MS: {
    default: 10_000,
    min: 100,
    max: 120_000,
    description: 'Time allowed for one provider call, retries included; after it the outcome is unknown and reconciliation settles it.',
  },
  PAYMENT_SIMULATED_LATENCY_MS: {
    default: 0,
    min: 0,
    max: 60_000,
    description: 'Delay added to every simulated provider call (to try races and time-outs by hand).',
  },
  DUES_GRACE_DAYS: {
    default: 14,
    min: 0,
    max: 365,
    description: 'Days an invoice may stay unpaid after its due date before an ACTIVE partner agency is suspended.',
  },
  DUES_ISSUE_AHEAD_DAYS: { default: 7, min: 0, max: 27, description: 'Days before a billing period ends that the next dues invoice is issued.' },
  PARTNER_AGENCY_REAPPLY_WAIT_DAYS: { default: 30, min: 0, max: 3650, description: 'Days a rejected organization waits before it may apply again.' },
  DUES_SWEEP_INTERVAL_MINUTES: {
    default: 60,
    min: 1,
    max: 24 * 60,
    description: 'How often the dues sweep runs (issuing, overdue, suspension, scheduled downgrades).',
  },
  CANCELLATION_FULL_REFUND_HOURS: {
    default: 24,
    min: 0,
    max: 24 * 365,
    description: 'Default cancellation policy of a service listing: full refund up to this many hours before the start.',
  },
  CANCELLATION_PARTIAL_REFUND_HOURS: {
    default: 3,
    min: 0,
    max: 24 * 365,
    description: '…and a partial refund up to this many hours before (at most the full-refund hours).',
  },
  CANCELLATION_PARTIAL_REFUND_RATE_BPS: { default: 5000, min: 0, max: 10_000, description: '…of this share of the price, in basis points.' },
  DEFAULT_TIMEZONE: { default: 'Asia/Seoul', description: "IANA time zone of a listing's availability when its agency names none." },
  RESERVATION_HOLD_MINUTES: { default: 15, min: 1, max: 24 * 60, description: 'How long an unpaid (PENDING_PAYMENT) reservation holds its capacity.' },
  RESERVATION_AUTO_COMPLETE_HOURS: {
    default: 72,
    min: 1,
    max: 90 * 24,
    description: 'A CONFIRMED reservation nobody marked is completed this many hours after its end.',
  },
  OFFER_DEFAULT_EXPIRY_HOURS: {
    default: 48,
    min: 1,
    max: 90 * 24,
    description: 'How long an offer stays open when the agency names no expiresAt (never past the offered start).',
  },
  IDEMPOTENCY_KEY_TTL_HOURS: {
    default: 24,
    min: 1,
    max: 30 * 24,
    description: 'How long reserve / acceptOffer / checkout answer a repeated idempotency key with the same reservation or checkout.',
  },
  CHECKOUT_HOLD_MINUTES: { default: 15, min: 1, max: 24 * 60, description: 'How long an unpaid (PENDING_PAYMENT) checkout holds its stock.' },
  CART_MAX_LINES: { default: 50, min: 1, max: 500, description: 'Most lines one cart may hold.' },
  DEFAULT_DISPATCH_BUSINESS_DAYS: { default: 3, min: 1, max: 14, description: 'Business days to ship goods whose listing names no dispatchBusinessDays.' },
  DEFAULT_CUTOFF_DAYS: {
    default: 3,
    min: 1,
    max: 14,
    description: 'Days before its ship date a subscription delivery is charged and locked (00:00 KST), for plans naming no cutoffDays.',
  },
  SUBSCRIPTION_MAX_PAUSE_DAYS: { default: 90, min: 1, max: 365, description: 'A paused subscription resumes at most this many days after today.' },
  SUBSCRIPTION_RETRY_DAYS: {
    default: '1,3,7',
    description:
      'Retries of a declined subscription charge, in days after it first failed: rising whole days 1–30, comma-separated; the last failing cancels the subscription.',
  },
  DISPATCH_DELAY_MAX_DAYS: {
    default: 14,
    min: 0,
    max: 90,
    description: 'delayDispatch may move the ship-by date up to this many days after the last shipping day of the original deadline.',
  },
  TRACKING_SCAN_BUSINESS_DAYS: {
    default: 2,
    min: 1,
    max: 14,
    description: 'Business days after registration (or correction) a courier parcel has for its first carrier scan before a MISSING_TRACKING_NUMBER strike.',
  },
  ASSUMED_DELIVERY_DAYS: { default: 7, min: 1, max: 60, description: 'Days after shipping when a parcel nobody reported delivered is assumed delivered.' },
  AUTO_CONFIRM_DAYS: { default: 8, min: 1, max: 60, description: 'Days after delivery when an order with no open return confirms itself (구매확정).' },
  ADDRESS_RETENTION_DAYS: {
    default: 90,
    min: 1,
    max: 3650,
    description: 'Days after an order is CONFIRMED, CANCELLED or RETURNED that its agency still sees the shipping address unmasked.',
  },
  WITHDRAWAL_DAYS: { default: 7, min: 1, max: 60, description: 'Days after delivery a buyer may return goods for a change of mind (청약철회).' },
  PRICE_INCREASE_NOTICE_DAYS: {
    default: 30,
    min: 1,
    max: 365,
    description: "Days of notice before a subscription's price increase is first charged; unaccepted by then, the subscription ends.",
  },
  RETURN_ACCEPT_BUSINESS_DAYS: {
    default: 3,
    min: 1,
    max: 14,
    description: 'Business days after a return request by whose end it is accepted automatically if the agency has not answered.',
  },
  RETURN_REFUND_BUSINESS_DAYS: {
    default: 3,
    min: 1,
    max: 14,
    description: 'Business days after a return is received by whose end it is refunded automatically, with a LATE_RETURN_HANDLING strike.',
  },
  SETTLEMENT_DISPUTE_DAYS: { default: 7, min: 1, max: 60, description: 'Days after a settlement statement is issued that its agency may dispute it (once).' },
  SETTLEMENT_PAY_DAY: {
    default: 15,
    min: 1,
    max: 28,
    description: "Day of the month after a statement's month when it is payable (the next business day when that is not one).",
  },
  TRACKING_PROVIDER: {
    default: 'simulated',
    description: '`simulated` (scans at registration, delivers 18:00 KST on the 2nd business day; numbers beginning 999 are never scanned) or `sweettracker`.',
  },
  TRACKING_WEBHOOK_RATE_LIMIT_PER_MINUTE: {
    default: 600,
    min: 1,
    max: 1_000_000,
    description: 'Tracking webhook posts one client address may make per sliding minute (429 beyond).',
  },
  TRACKING_URL_CJ_LOGISTICS: {
    default: 'https://trace.cjlogistics.com/next/tracking.html?wblNo={trackingNumber}',
    description: "CJ대한통운's parcel page; {trackingNumber} is replaced.",
  },
  TRACKING_URL_KOREA_POST: {
    default: 'https://service.epost.go.kr/trace.RetrieveDomRigiTraceList.comm?sid1={trackingNumber}',
    description: "우체국택배's parcel page; {trackingNumber} is replaced.",
  },
  TRACKING_URL_HANJIN: {
    default: 'https://www.hanjin.com/kor/CMS/DeliveryMgr/WaybillResult.do?mCode=MN038&schLang=KR&wblnumText2={trackingNumber}',
    description: "한진택배's parcel page; {trackingNumber} is replaced.",
  },
  TRACKING_URL_LOTTE: {
    default: 'https://www.lotteglogis.com/home/reservation/tracking/linkView?InvNo={trackingNumber}',
    description: "롯데택배's parcel page; {trackingNumber} is replaced.",
  },
  TRACKING_URL_LOGEN: {
    default: 'https://www.ilogen.com/web/personal/trace/{trackingNumber}',
    description: "로젠택배's parcel page; {trackingNumber} is replaced.",
  },
  TRACKING_URL_KD_EXPRESS: {
    default: 'https://kdexp.com/service/delivery/etc/delivery.do?barcode={trackingNumber}',
    description: "경동택배's parcel page; {trackingNumber} is replaced.",
  },
  ATTRIBUTION_WINDOW_DAYS: { default: 30, min: 1, max: 365, description: 'How long a referral click can still earn its market creator a sale.' },
  PAYOUT_MINIMUM_WON: { default: 10_000, min: 1, description: 'Approved commissions summing to less are carried over to the next payout.' },
  MEDIA_STORAGE: {
    default: 'local',
    description:
      '`local` (listing images as files under <DURE_DATA_DIR>/media, uploaded to and served by this server) or `s3` (an S3-compatible bucket: AWS, NCP Object Storage, MinIO).',
  },
  MEDIA_PUBLIC_BASE_URL: {
    defaultNote:
      'http://localhost:<PORT> with local (with PORT=0, the port picked at start); with s3, <S3_ENDPOINT>/<S3_BUCKET> (path style) or https://<S3_BUCKET>.s3.<S3_REGION>.amazonaws.com',
    description:
      "Where clients fetch images: local serves <base>/media/<key> and takes uploads at <base>/uploads/…; s3 images are at <base>/<key> (the bucket's public URL or a CDN before it).",
  },
  MEDIA_UPLOAD_TTL_MINUTES: {
    default: 15,
    min: 1,
    max: 24 * 60,
    description: 'How long an image upload URL works; uploads not attached within 24 hours are deleted by the media.orphaned-uploads job.',
  },
  S3_BUCKET: { description: 'The bucket of listing images; required with MEDIA_STORAGE=s3.' },
  S3_REGION: { default: 'ap-northeast-2', description: "The bucket's region (NCP Object Storage: kr-standard)." },
  S3_ENDPOINT: { description: 'An S3-compatible endpoint (https://kr.object.ncloudstorage.com, a MinIO URL); unset: AWS.' },
  S3_FORCE_PATH_STYLE: { default: false, description: 'Address the bucket as <endpoint>/<bucket> (MinIO) instead of <bucket>.<endpoint>.' },
  S3_ACCESS_KEY_ID: { description: "With S3_SECRET_ACCESS_KEY (both or neither); unset: the AWS SDK's credential chain (instance role, ~/.aws)." },
  S3_SECRET_ACCESS_KEY: { description: 'The secret of S3_ACCESS_KEY_ID; never logged.' },
  SMTP_URL: {
    defaultNote: 'unset: e-mails are written as .eml files under <DURE_DATA_DIR>/mail',
    description: 'smtp:// or smtps:// URL of the mail server, user and password in it (smtps://user:pass@smtp.example.com:465); never logged.',
  },
  MAIL_FROM: { default: '두레 <no-reply@dure.local>', description: 'The From of notification e-mails.' },
  ALIMTALK_PROVIDER: {
    default: 'simulated',
    description: '`simulated` (no network: 알림톡 are only logged) or `solapi` (Solapi API v4, needs the SOLAPI_* settings).',
  },
  SOLAPI_API_KEY: { description: 'Solapi API key, required with ALIMTALK_PROVIDER=solapi.' },
  SOLAPI_API_SECRET: { description: 'Solapi API secret (signs each request), required with ALIMTALK_PROVIDER=solapi; never logged.' },
  SOLAPI_PF_ID: { description: 'The 카카오 비즈니스 채널 id (pfId) at Solapi, required with ALIMTALK_PROVIDER=solapi.' },
  SOLAPI_SENDER_NUMBER: { description: 'The registered sending number, required with ALIMTALK_PROVIDER=solapi.' },
  SOLAPI_TEMPLATE_IDS: {
    description: 'Approved 알림톡 templates as KIND=templateId pairs separated by commas (RESERVATION_CONFIRMED=KA01TP…); kinds without one get no 알림톡.',
  },
  SOLAPI_API_BASE_URL: { default: 'https://api.solapi.com', description: 'Where the Solapi provider sends its requests.' },
  NOTIFICATION_PROVIDER_TIMEOUT_MS: {
    default: 10_000,
    min: 100,
    max: 120_000,
    description: 'Time allowed for one e-mail or 알림톡 send; after it the attempt fails and the job retries with back-off.',
  },
  SWEETTRACKER_API_KEY: { description: 'SweetTracker (스마트택배) API key (t_key), required with TRACKING_PROVIDER=sweettracker; never logged.' },
  SWEETTRACKER_BASE_URL: { default: 'https://info.sweettracker.co.kr', description: 'Where the SweetTracker provider sends its tracking queries.' },
  SWEETTRACKER_TIMEOUT_MS: {
    default: 10_000,
    min: 100,
    max: 120_000,
    description: 'Time allowed for one SweetTracker query; after it the parcel counts as not known now and is asked again later.',
  },
  SWEETTRACKER_WEBHOOK_SECRET: {
    description: 'At least 16 characters; SweetTracker pushes are accepted only when their callback URL carries it as ?secret= (unset: every push is refused).',
  },
} as const satisfies Record<string, ConfigVariable>;

export type ConfigVariableName = keyof typeof CONFIG_VARIABLES;
type VariableDefaulting<T> = { [K in ConfigVariableName]: (typeof CONFIG_VARIABLES)[K] extends { readonly default: T } ? K : never }[ConfigVariableName];
const variable = (name: ConfigVariableName): ConfigVariable => CONFIG_VARIABLES[name];

class EnvReader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  string(name: ConfigVariableName, fallback?: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === undefined || value === '' ? fallback : value;
  }

  text(name: VariableDefaulting<string>): string {
    return this.string(name, variable(name).default as string)!;
  }

  /** `fallback` replaces the table's default where it depends on other settings (its `defaultNote` says how). */
  int(name: VariableDefaulting<number>, fallback = variable(name).default as number): number {
    const { min = 0, max = Number.MAX_SAFE_INTEGER } = variable(name);
    const raw = this.string(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      this.problems.push(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  }

  /** A comma-separated list of strictly rising whole days from 1 to `max`. */
  risingDays(name: VariableDefaulting<string>, max: number): number[] {
    const parse = (raw: string) => raw.split(',').map((part) => Number(part.trim()));
    const days = parse(this.text(name));
    if (!days.length || days.some((day, i) => !Number.isInteger(day) || day < 1 || day > max || (i > 0 && day <= days[i - 1]))) {
      this.problems.push(`${name} must be rising whole days from 1 to ${max}, comma-separated (got "${this.text(name)}")`);
      return parse(variable(name).default as string);
    }
    return days;
  }

  bool(name: ConfigVariableName, fallback = variable(name).default as boolean): boolean {
    const raw = this.string(name);
    if (raw === undefined) return fallback;
    if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
    if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
    this.problems.push(`${name} must be true or false (got "${raw}")`);
    return fallback;
  }

  url(name: ConfigVariableName, protocols = ['http:', 'https:']): string | undefined {
    const raw = this.string(name, variable(name).default as string | undefined);
    if (raw === undefined) return undefined;
    try {
      if (!protocols.includes(new URL(raw).protocol)) throw new Error('protocol');
    } catch {
      this.problems.push(`${name} must be a ${protocols.join(' or ')} URL`);
    }
    return raw;
  }
}

/** Local runs keep a generated secret in the data folder so sessions survive a restart. */
function localJwtSecret(dataDir: string): string {
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

const BILLING_KEY_ENCRYPTION_KEY_BYTES = 32;

/**
 * Production names its own key; elsewhere one is derived from the JWT secret (itself kept in the data
 * folder), so `npm start` needs no setting and stored billing keys stay readable across restarts.
 */
function readBillingKeyEncryptionKey(read: EnvReader, production: boolean, jwtSecret: string | undefined): string {
  const configured = read.string('BILLING_KEY_ENCRYPTION_KEY');
  if (configured !== undefined) {
    if (Buffer.from(configured, 'base64').length !== BILLING_KEY_ENCRYPTION_KEY_BYTES) {
      read.problems.push('BILLING_KEY_ENCRYPTION_KEY must be 32 bytes in base64 (openssl rand -base64 32)');
    }
    return configured;
  }
  if (production) read.problems.push('BILLING_KEY_ENCRYPTION_KEY is required in production');
  const derived = hkdfSync('sha256', jwtSecret ?? '', 'dure', 'billing-key-encryption', BILLING_KEY_ENCRYPTION_KEY_BYTES);
  return Buffer.from(derived).toString('base64');
}

function readS3Settings(read: EnvReader, required: boolean): S3Settings {
  const bucket = read.string('S3_BUCKET');
  if (required && !bucket) read.problems.push('S3_BUCKET is required when MEDIA_STORAGE=s3');
  const accessKeyId = read.string('S3_ACCESS_KEY_ID');
  const secretAccessKey = read.string('S3_SECRET_ACCESS_KEY');
  if (Boolean(accessKeyId) !== Boolean(secretAccessKey)) read.problems.push('S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY must be set together');
  return {
    bucket: bucket ?? '',
    region: read.text('S3_REGION'),
    endpoint: read.url('S3_ENDPOINT')?.replace(/\/+$/, ''),
    forcePathStyle: read.bool('S3_FORCE_PATH_STYLE'),
    accessKeyId,
    secretAccessKey,
  };
}

const localMediaBaseUrl = (port: number): string => `http://localhost:${port}`;

/** This server for local files; the bucket's own address for s3 (MEDIA_PUBLIC_BASE_URL names a CDN instead). */
function defaultMediaBaseUrl(port: number, s3: S3Settings | undefined): string {
  if (!s3) return localMediaBaseUrl(port);
  if (s3.endpoint && (s3.forcePathStyle || !URL.canParse(s3.endpoint))) return `${s3.endpoint}/${s3.bucket}`;
  if (s3.endpoint) {
    const endpoint = new URL(s3.endpoint);
    return `${endpoint.protocol}//${s3.bucket}.${endpoint.host}`;
  }
  return `https://${s3.bucket}.s3.${s3.region}.amazonaws.com`;
}

/** The SOLAPI_* settings, every one required; template ids as `KIND=id` pairs. */
function readSolapi(read: EnvReader): SolapiSettings {
  const required = (name: 'SOLAPI_API_KEY' | 'SOLAPI_API_SECRET' | 'SOLAPI_PF_ID' | 'SOLAPI_SENDER_NUMBER'): string => {
    const value = read.string(name);
    if (!value) read.problems.push(`${name} is required when ALIMTALK_PROVIDER=solapi`);
    return value ?? '';
  };
  const templateIds: Record<string, string> = {};
  for (const pair of (read.string('SOLAPI_TEMPLATE_IDS') ?? '').split(',').filter((entry) => entry.trim())) {
    const [kind, id] = pair.split('=').map((part) => part.trim());
    if (!kind || !id) read.problems.push(`SOLAPI_TEMPLATE_IDS must be KIND=templateId pairs separated by commas (got "${pair}")`);
    else templateIds[kind] = id;
  }
  return {
    apiKey: required('SOLAPI_API_KEY'),
    apiSecret: required('SOLAPI_API_SECRET'),
    pfId: required('SOLAPI_PF_ID'),
    senderNumber: required('SOLAPI_SENDER_NUMBER'),
    templateIds,
  };
}

/**
 * With PORT=0 the port is picked at listen: the local default media URL, which named port 0 (where no
 * browser can upload), then names the port picked. A MEDIA_PUBLIC_BASE_URL that was set stays.
 */
export function followListeningPort(config: DureConfig, port: number): void {
  if (config.port === 0 && !config.s3 && config.mediaPublicBaseUrl === localMediaBaseUrl(0)) config.mediaPublicBaseUrl = localMediaBaseUrl(port);
}

export function loadConfig(env: Env = process.env): DureConfig {
  const read = new EnvReader(env);
  const nodeEnv = read.text('NODE_ENV') as NodeEnv;
  if (!['development', 'production', 'test'].includes(nodeEnv)) {
    read.problems.push(`NODE_ENV must be development, production or test (got "${nodeEnv}")`);
  }
  const production = nodeEnv === 'production';
  const dataDir = resolve(read.text('DURE_DATA_DIR'));
  const databaseUrl = read.url('DATABASE_URL', ['postgres:', 'postgresql:']);
  if (production && !databaseUrl) read.problems.push('DATABASE_URL is required in production');

  let jwtSecret = read.string('JWT_SECRET');
  if (jwtSecret !== undefined && jwtSecret.length < 32) {
    read.problems.push('JWT_SECRET must be at least 32 characters');
  }
  if (jwtSecret === undefined) {
    if (production) read.problems.push('JWT_SECRET is required in production');
    else jwtSecret = localJwtSecret(dataDir);
  }

  const testClock = read.bool('DURE_TEST_CLOCK');
  if (production && testClock) read.problems.push('DURE_TEST_CLOCK must not be enabled in production');
  const operatorEmail = read.string('DURE_OPERATOR_EMAIL');
  const operatorPassword = read.string('DURE_OPERATOR_PASSWORD');
  if (Boolean(operatorEmail) !== Boolean(operatorPassword)) {
    read.problems.push('DURE_OPERATOR_EMAIL and DURE_OPERATOR_PASSWORD must be set together');
  }

  // Production must name its provider: a server that takes no real money must not do so by accident.
  if (production && !read.string('PAYMENT_PROVIDER')) read.problems.push('PAYMENT_PROVIDER is required in production (toss, or simulated for a demo)');
  const paymentProvider = read.text('PAYMENT_PROVIDER') as PaymentProviderName;
  if (!PAYMENT_PROVIDER_NAMES.includes(paymentProvider)) {
    read.problems.push(`PAYMENT_PROVIDER must be one of ${PAYMENT_PROVIDER_NAMES.join(', ')} (got "${paymentProvider}")`);
  }
  const tossSecretKey = read.string('TOSS_SECRET_KEY');
  if (paymentProvider === 'toss' && !tossSecretKey) read.problems.push('TOSS_SECRET_KEY is required when PAYMENT_PROVIDER=toss');

  const billingKeyEncryptionKey = readBillingKeyEncryptionKey(read, production, jwtSecret);

  const trackingProvider = read.text('TRACKING_PROVIDER') as TrackingProviderName;
  if (!TRACKING_PROVIDER_NAMES.includes(trackingProvider)) {
    read.problems.push(`TRACKING_PROVIDER must be one of ${TRACKING_PROVIDER_NAMES.join(', ')} (got "${trackingProvider}")`);
  }
  const trackingUrlTemplates = Object.fromEntries(
    Object.entries(TRACKING_URL_TEMPLATE_VARIABLES).map(([carrier, variable]) => [carrier, read.url(variable, ['https:', 'http:'])!]),
  );

  const alimtalkProvider = read.text('ALIMTALK_PROVIDER') as AlimtalkProviderName;
  if (!ALIMTALK_PROVIDER_NAMES.includes(alimtalkProvider)) {
    read.problems.push(`ALIMTALK_PROVIDER must be one of ${ALIMTALK_PROVIDER_NAMES.join(', ')} (got "${alimtalkProvider}")`);
  }
  const solapi = alimtalkProvider === 'solapi' ? readSolapi(read) : undefined;

  const sweetTrackerWebhookSecret = read.string('SWEETTRACKER_WEBHOOK_SECRET');
  if (sweetTrackerWebhookSecret !== undefined && sweetTrackerWebhookSecret.length < 16) {
    read.problems.push('SWEETTRACKER_WEBHOOK_SECRET must be at least 16 characters');
  }

  const metricsToken = read.string('METRICS_TOKEN');
  if (metricsToken !== undefined && metricsToken.length < 16) read.problems.push('METRICS_TOKEN must be at least 16 characters');

  const defaultCancellationPolicy = {
    fullRefundHoursBefore: read.int('CANCELLATION_FULL_REFUND_HOURS'),
    partialRefundHoursBefore: read.int('CANCELLATION_PARTIAL_REFUND_HOURS'),
    partialRefundRateBps: read.int('CANCELLATION_PARTIAL_REFUND_RATE_BPS'),
  };
  if (defaultCancellationPolicy.partialRefundHoursBefore > defaultCancellationPolicy.fullRefundHoursBefore) {
    read.problems.push('CANCELLATION_PARTIAL_REFUND_HOURS must not be more than CANCELLATION_FULL_REFUND_HOURS');
  }
  const defaultTimezone = read.text('DEFAULT_TIMEZONE');
  if (!IANAZone.isValidZone(defaultTimezone)) read.problems.push(`DEFAULT_TIMEZONE must be an IANA time zone such as Asia/Seoul (got "${defaultTimezone}")`);

  const port = read.int('PORT');
  const mediaStorage = read.text('MEDIA_STORAGE') as MediaStorageName;
  if (!MEDIA_STORAGE_NAMES.includes(mediaStorage)) read.problems.push(`MEDIA_STORAGE must be one of ${MEDIA_STORAGE_NAMES.join(', ')} (got "${mediaStorage}")`);
  // Read whatever the driver, so each variable is checked (and .env.example's test sees them all).
  const s3Settings = readS3Settings(read, mediaStorage === 's3');
  const s3 = mediaStorage === 's3' ? s3Settings : undefined;
  const mediaPublicBaseUrl = (read.url('MEDIA_PUBLIC_BASE_URL') ?? defaultMediaBaseUrl(port, s3)).replace(/\/+$/, '');

  const config: DureConfig = {
    nodeEnv,
    port,
    databaseUrl,
    databasePoolSize: read.int('DATABASE_POOL_SIZE'),
    dataDir,
    jwtSecret: jwtSecret ?? '',
    accessTokenTtlSeconds: read.int('ACCESS_TOKEN_TTL_SECONDS'),
    refreshTokenTtlDays: read.int('REFRESH_TOKEN_TTL_DAYS'),
    refreshTokenReuseGraceSeconds: read.int('REFRESH_TOKEN_REUSE_GRACE_SECONDS'),
    publicWebUrl: read.url('PUBLIC_WEB_URL')!.replace(/\/+$/, ''),
    testClock,
    operatorEmail,
    operatorPassword,
    runJobs: read.bool('DURE_RUN_JOBS'),
    jobPollIntervalMs: read.int('DURE_JOB_POLL_INTERVAL_MS'),
    jobClaimMs: read.int('DURE_JOB_CLAIM_MS'),
    jobTimeoutMs: read.int('DURE_JOB_TIMEOUT_MS'),
    demoData: read.bool('DURE_DEMO_DATA', !databaseUrl && !production),
    logLevel: read.string('LOG_LEVEL', nodeEnv === 'test' ? 'warn' : 'info')!,
    trustProxy: read.bool('TRUST_PROXY'),
    metricsToken,
    shutdownDrainMs: read.int('SHUTDOWN_DRAIN_MS', production ? PRODUCTION_SHUTDOWN_DRAIN_MS : undefined),
    requestBodyLimitBytes: read.int('REQUEST_BODY_LIMIT_BYTES'),
    graphqlMaxDepth: read.int('GRAPHQL_MAX_DEPTH'),
    graphqlMaxComplexity: read.int('GRAPHQL_MAX_COMPLEXITY'),
    graphqlMaxTokens: read.int('GRAPHQL_MAX_TOKENS'),
    graphqlMaxAliases: read.int('GRAPHQL_MAX_ALIASES'),
    graphqlMaxRootFields: read.int('GRAPHQL_MAX_ROOT_FIELDS'),
    graphqlMaxDirectives: read.int('GRAPHQL_MAX_DIRECTIVES'),
    graphqlMaxResponseBytes: read.int('GRAPHQL_MAX_RESPONSE_BYTES'),
    graphqlMaxExecutionMs: read.int('GRAPHQL_MAX_EXECUTION_MS'),
    graphqlCompiledExecution: read.bool('GRAPHQL_COMPILED_EXECUTION'),
    publicCacheTtlMs: read.int('PUBLIC_CACHE_TTL_MS'),
    loginFailuresPerEmail: read.int('LOGIN_FAILURES_PER_EMAIL'),
    loginFailuresPerAddress: read.int('LOGIN_FAILURES_PER_ADDRESS'),
    loginFailureWindowMinutes: read.int('LOGIN_FAILURE_WINDOW_MINUTES'),
    mutationRateLimitPerMinute: read.int('MUTATION_RATE_LIMIT_PER_MINUTE'),
    paymentWebhookRateLimitPerMinute: read.int('PAYMENT_WEBHOOK_RATE_LIMIT_PER_MINUTE'),
    organizationInvitationTtlDays: read.int('ORGANIZATION_INVITATION_TTL_DAYS'),
    paymentProvider,
    tossSecretKey,
    tossApiBaseUrl: read.url('TOSS_API_BASE_URL')!.replace(/\/+$/, ''),
    billingKeyEncryptionKey,
    paymentProviderTimeoutMs: read.int('PAYMENT_PROVIDER_TIMEOUT_MS'),
    paymentSimulatedLatencyMs: read.int('PAYMENT_SIMULATED_LATENCY_MS'),
    duesGraceDays: read.int('DUES_GRACE_DAYS'),
    duesIssueAheadDays: read.int('DUES_ISSUE_AHEAD_DAYS'),
    partnerAgencyReapplyWaitDays: read.int('PARTNER_AGENCY_REAPPLY_WAIT_DAYS'),
    duesSweepIntervalMinutes: read.int('DUES_SWEEP_INTERVAL_MINUTES'),
    defaultCancellationPolicy,
    defaultTimezone,
    reservationHoldMinutes: read.int('RESERVATION_HOLD_MINUTES'),
    reservationAutoCompleteHours: read.int('RESERVATION_AUTO_COMPLETE_HOURS'),
    offerDefaultExpiryHours: read.int('OFFER_DEFAULT_EXPIRY_HOURS'),
    idempotencyKeyTtlHours: read.int('IDEMPOTENCY_KEY_TTL_HOURS'),
    checkoutHoldMinutes: read.int('CHECKOUT_HOLD_MINUTES'),
    cartMaxLines: read.int('CART_MAX_LINES'),
    defaultDispatchBusinessDays: read.int('DEFAULT_DISPATCH_BUSINESS_DAYS'),
    dispatchDelayMaxDays: read.int('DISPATCH_DELAY_MAX_DAYS'),
    defaultCutoffDays: read.int('DEFAULT_CUTOFF_DAYS'),
    subscriptionMaxPauseDays: read.int('SUBSCRIPTION_MAX_PAUSE_DAYS'),
    subscriptionRetryDays: read.risingDays('SUBSCRIPTION_RETRY_DAYS', 30),
    trackingScanBusinessDays: read.int('TRACKING_SCAN_BUSINESS_DAYS'),
    assumedDeliveryDays: read.int('ASSUMED_DELIVERY_DAYS'),
    autoConfirmDays: read.int('AUTO_CONFIRM_DAYS'),
    addressRetentionDays: read.int('ADDRESS_RETENTION_DAYS'),
    withdrawalDays: read.int('WITHDRAWAL_DAYS'),
    priceIncreaseNoticeDays: read.int('PRICE_INCREASE_NOTICE_DAYS'),
    returnAcceptBusinessDays: read.int('RETURN_ACCEPT_BUSINESS_DAYS'),
    returnRefundBusinessDays: read.int('RETURN_REFUND_BUSINESS_DAYS'),
    settlementDisputeDays: read.int('SETTLEMENT_DISPUTE_DAYS'),
    settlementPayDay: read.int('SETTLEMENT_PAY_DAY'),
    trackingProvider,
    trackingUrlTemplates,
    trackingWebhookRateLimitPerMinute: read.int('TRACKING_WEBHOOK_RATE_LIMIT_PER_MINUTE'),
    attributionWindowDays: read.int('ATTRIBUTION_WINDOW_DAYS'),
    payoutMinimumWon: read.int('PAYOUT_MINIMUM_WON'),
    mediaStorage,
    mediaPublicBaseUrl,
    mediaUploadTtlMinutes: read.int('MEDIA_UPLOAD_TTL_MINUTES'),
    s3,
    smtpUrl: read.url('SMTP_URL', ['smtp:', 'smtps:']),
    mailFrom: read.text('MAIL_FROM'),
    alimtalkProvider,
    solapi,
    solapiApiBaseUrl: read.url('SOLAPI_API_BASE_URL')!.replace(/\/+$/, ''),
    notificationProviderTimeoutMs: read.int('NOTIFICATION_PROVIDER_TIMEOUT_MS'),
    sweetTrackerApiKey: read.string('SWEETTRACKER_API_KEY'),
    sweetTrackerBaseUrl: read.url('SWEETTRACKER_BASE_URL')!.replace(/\/+$/, ''),
    sweetTrackerTimeoutMs: read.int('SWEETTRACKER_TIMEOUT_MS'),
    sweetTrackerWebhookSecret,
  };
  if (read.problems.length) throw new ConfigError(read.problems);
  return Object.assign(new DureConfig(), config);
}
