import { randomBytes } from 'node:crypto';
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
  dataDir: string;
  jwtSecret: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
  publicWebUrl: string;
  testClock: boolean;
  operatorEmail?: string;
  operatorPassword?: string;
  /** Whether this process also works the job queue (an `apps/worker` process can do it instead). */
  runJobs: boolean;
  jobPollIntervalMs: number;
  /** How long a job's claim holds without a heartbeat: how soon a job whose process stopped runs again. */
  jobClaimMs: number;
  demoData: boolean;
  logLevel: string;
  trustProxy: boolean;
  /** Larger request bodies are refused with HTTP 413 before they are parsed. */
  requestBodyLimitBytes: number;
  graphqlMaxDepth: number;
  graphqlMaxComplexity: number;
  /** How long anonymous public catalog answers may be reused (0: never); any commit drops them sooner. */
  publicCacheTtlMs: number;
  loginFailuresPerEmail: number;
  loginFailuresPerAddress: number;
  loginFailureWindowMinutes: number;
  /** Root mutation fields one client (signed-in user, else client address) may run per sliding minute. */
  mutationRateLimitPerMinute: number;
  /** Which payment provider takes the money: `simulated` (no network) or `toss` (Toss Payments API v1). */
  paymentProvider: PaymentProviderName;
  tossSecretKey?: string;
  tossApiBaseUrl: string;
  /** How long one provider call may take before its outcome counts as unknown. */
  paymentProviderTimeoutMs: number;
  /** Added to every simulated provider call (for trying time-outs and races by hand). */
  paymentSimulatedLatencyMs: number;
  /** Days after an unpaid dues invoice's due date before an ACTIVE partner agency is suspended (RULES §4). */
  duesGraceDays: number;
  /** How many days before a billing period ends the next dues invoice is issued (RULES §5). */
  duesIssueAheadDays: number;
  /** How long a rejected organization waits before applying again as a partner agency (RULES §4). */
  partnerAgencyReapplyWaitDays: number;
  /** How often the dues sweep (issue, overdue, suspend, scheduled tier changes) runs. */
  duesSweepIntervalMinutes: number;
  /** The cancellation policy of a service listing that names none (RULES §6). */
  defaultCancellationPolicy: { fullRefundHoursBefore: number; partialRefundHoursBefore: number; partialRefundRateBps: number };
  /** The IANA time zone of a listing's availability when its agency names none (RULES §7). */
  defaultTimezone: string;
  /** How long a PENDING_PAYMENT reservation holds its capacity (RULES §8). */
  reservationHoldMinutes: number;
  /** How long after its end a CONFIRMED reservation nobody marked is completed automatically (RULES §8). */
  reservationAutoCompleteHours: number;
  /** How long an offer stays open when the agency names no `expiresAt` (RULES §8). */
  offerDefaultExpiryHours: number;
  /** How long a reservation's idempotency key answers with the same reservation (RULES §8). */
  idempotencyKeyTtlHours: number;
  /** How long a referral click can still earn its market creator a sale (RULES §10). */
  attributionWindowDays: number;
  /** Approved commissions below this sum are carried over to the next payout (RULES §10). */
  payoutMinimumWon: number;
}

export const PAYMENT_PROVIDER_NAMES = ['simulated', 'toss'] as const;
export type PaymentProviderName = (typeof PAYMENT_PROVIDER_NAMES)[number];

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

type Env = Record<string, string | undefined>;

class EnvReader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  string(name: string, fallback?: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === undefined || value === '' ? fallback : value;
  }

  int(name: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
    const raw = this.string(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      this.problems.push(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  }

  bool(name: string, fallback: boolean): boolean {
    const raw = this.string(name);
    if (raw === undefined) return fallback;
    if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
    if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
    this.problems.push(`${name} must be true or false (got "${raw}")`);
    return fallback;
  }

  url(name: string, fallback?: string, protocols = ['http:', 'https:']): string | undefined {
    const raw = this.string(name, fallback);
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

export function loadConfig(env: Env = process.env): DureConfig {
  const read = new EnvReader(env);
  const nodeEnv = read.string('NODE_ENV', 'development') as NodeEnv;
  if (!['development', 'production', 'test'].includes(nodeEnv)) {
    read.problems.push(`NODE_ENV must be development, production or test (got "${nodeEnv}")`);
  }
  const production = nodeEnv === 'production';
  const dataDir = resolve(read.string('DURE_DATA_DIR', '.dure')!);
  const databaseUrl = read.url('DATABASE_URL', undefined, ['postgres:', 'postgresql:']);
  if (production && !databaseUrl) read.problems.push('DATABASE_URL is required in production');

  let jwtSecret = read.string('JWT_SECRET');
  if (jwtSecret !== undefined && jwtSecret.length < 32) {
    read.problems.push('JWT_SECRET must be at least 32 characters');
  }
  if (jwtSecret === undefined) {
    if (production) read.problems.push('JWT_SECRET is required in production');
    else jwtSecret = localJwtSecret(dataDir);
  }

  const testClock = read.bool('DURE_TEST_CLOCK', false);
  if (production && testClock) read.problems.push('DURE_TEST_CLOCK must not be enabled in production');
  const operatorEmail = read.string('DURE_OPERATOR_EMAIL');
  const operatorPassword = read.string('DURE_OPERATOR_PASSWORD');
  if (Boolean(operatorEmail) !== Boolean(operatorPassword)) {
    read.problems.push('DURE_OPERATOR_EMAIL and DURE_OPERATOR_PASSWORD must be set together');
  }

  // Production must name its provider: a server that takes no real money must not do so by accident.
  if (production && !read.string('PAYMENT_PROVIDER')) read.problems.push('PAYMENT_PROVIDER is required in production (toss, or simulated for a demo)');
  const paymentProvider = read.string('PAYMENT_PROVIDER', 'simulated') as PaymentProviderName;
  if (!PAYMENT_PROVIDER_NAMES.includes(paymentProvider)) {
    read.problems.push(`PAYMENT_PROVIDER must be one of ${PAYMENT_PROVIDER_NAMES.join(', ')} (got "${paymentProvider}")`);
  }
  const tossSecretKey = read.string('TOSS_SECRET_KEY');
  if (paymentProvider === 'toss' && !tossSecretKey) read.problems.push('TOSS_SECRET_KEY is required when PAYMENT_PROVIDER=toss');

  const defaultCancellationPolicy = {
    fullRefundHoursBefore: read.int('CANCELLATION_FULL_REFUND_HOURS', 24, 0, 24 * 365),
    partialRefundHoursBefore: read.int('CANCELLATION_PARTIAL_REFUND_HOURS', 3, 0, 24 * 365),
    partialRefundRateBps: read.int('CANCELLATION_PARTIAL_REFUND_RATE_BPS', 5000, 0, 10_000),
  };
  if (defaultCancellationPolicy.partialRefundHoursBefore > defaultCancellationPolicy.fullRefundHoursBefore) {
    read.problems.push('CANCELLATION_PARTIAL_REFUND_HOURS must not be more than CANCELLATION_FULL_REFUND_HOURS');
  }
  const defaultTimezone = read.string('DEFAULT_TIMEZONE', 'Asia/Seoul')!;
  if (!IANAZone.isValidZone(defaultTimezone)) read.problems.push(`DEFAULT_TIMEZONE must be an IANA time zone such as Asia/Seoul (got "${defaultTimezone}")`);

  const config: DureConfig = {
    nodeEnv,
    port: read.int('PORT', 3000, 0, 65535),
    databaseUrl,
    dataDir,
    jwtSecret: jwtSecret ?? '',
    accessTokenTtlSeconds: read.int('ACCESS_TOKEN_TTL_SECONDS', 15 * 60, 30),
    refreshTokenTtlDays: read.int('REFRESH_TOKEN_TTL_DAYS', 30, 1),
    publicWebUrl: read.url('PUBLIC_WEB_URL', 'http://localhost:3000')!.replace(/\/+$/, ''),
    testClock,
    operatorEmail,
    operatorPassword,
    runJobs: read.bool('DURE_RUN_JOBS', true),
    jobPollIntervalMs: read.int('DURE_JOB_POLL_INTERVAL_MS', 1000, 50),
    jobClaimMs: read.int('DURE_JOB_CLAIM_MS', 60_000, 1000),
    demoData: read.bool('DURE_DEMO_DATA', !databaseUrl && !production),
    logLevel: read.string('LOG_LEVEL', nodeEnv === 'test' ? 'warn' : 'info')!,
    trustProxy: read.bool('TRUST_PROXY', false),
    requestBodyLimitBytes: read.int('REQUEST_BODY_LIMIT_BYTES', 1024 * 1024, 1024),
    graphqlMaxDepth: read.int('GRAPHQL_MAX_DEPTH', 10, 2),
    graphqlMaxComplexity: read.int('GRAPHQL_MAX_COMPLEXITY', 5000, 10),
    publicCacheTtlMs: read.int('PUBLIC_CACHE_TTL_MS', 5000, 0, 600_000),
    loginFailuresPerEmail: read.int('LOGIN_FAILURES_PER_EMAIL', 5, 1),
    loginFailuresPerAddress: read.int('LOGIN_FAILURES_PER_ADDRESS', 20, 1),
    loginFailureWindowMinutes: read.int('LOGIN_FAILURE_WINDOW_MINUTES', 15, 1),
    mutationRateLimitPerMinute: read.int('MUTATION_RATE_LIMIT_PER_MINUTE', 120, 1, 1_000_000),
    paymentProvider,
    tossSecretKey,
    tossApiBaseUrl: read.url('TOSS_API_BASE_URL', 'https://api.tosspayments.com')!.replace(/\/+$/, ''),
    paymentProviderTimeoutMs: read.int('PAYMENT_PROVIDER_TIMEOUT_MS', 10_000, 100, 120_000),
    paymentSimulatedLatencyMs: read.int('PAYMENT_SIMULATED_LATENCY_MS', 0, 0, 60_000),
    duesGraceDays: read.int('DUES_GRACE_DAYS', 14, 0, 365),
    duesIssueAheadDays: read.int('DUES_ISSUE_AHEAD_DAYS', 7, 0, 27),
    partnerAgencyReapplyWaitDays: read.int('PARTNER_AGENCY_REAPPLY_WAIT_DAYS', 30, 0, 3650),
    duesSweepIntervalMinutes: read.int('DUES_SWEEP_INTERVAL_MINUTES', 60, 1, 24 * 60),
    defaultCancellationPolicy,
    defaultTimezone,
    reservationHoldMinutes: read.int('RESERVATION_HOLD_MINUTES', 15, 1, 24 * 60),
    reservationAutoCompleteHours: read.int('RESERVATION_AUTO_COMPLETE_HOURS', 72, 1, 90 * 24),
    offerDefaultExpiryHours: read.int('OFFER_DEFAULT_EXPIRY_HOURS', 48, 1, 90 * 24),
    idempotencyKeyTtlHours: read.int('IDEMPOTENCY_KEY_TTL_HOURS', 24, 1, 30 * 24),
    attributionWindowDays: read.int('ATTRIBUTION_WINDOW_DAYS', 30, 1, 365),
    payoutMinimumWon: read.int('PAYOUT_MINIMUM_WON', 10_000, 1),
  };
  if (read.problems.length) throw new ConfigError(read.problems);
  return Object.assign(new DureConfig(), config);
}
