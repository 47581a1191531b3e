import { ConfigError, followListeningPort, loadConfig } from './dure-config.js';

const base = { JWT_SECRET: 'a'.repeat(32), DURE_DATA_DIR: '/tmp/dure-config-spec' };

describe('loadConfig', () => {
  it('has working defaults for local use', () => {
    const config = loadConfig(base);
    expect(config).toMatchObject({ port: 3000, nodeEnv: 'development', testClock: false, runJobs: true, demoData: true, graphqlMaxDepth: 10 });
    expect(config).toMatchObject({ requestBodyLimitBytes: 1024 * 1024, mutationRateLimitPerMinute: 120 });
    expect(config.databaseUrl).toBeUndefined();
  });

  it('reports every problem at once, naming the variables', () => {
    try {
      loadConfig({ NODE_ENV: 'production', PORT: 'eighty', DURE_TEST_CLOCK: '1', DURE_OPERATOR_EMAIL: 'a@b.c' });
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const text = (error as ConfigError).problems.join('\n');
      for (const name of ['PORT', 'DATABASE_URL', 'JWT_SECRET', 'DURE_TEST_CLOCK', 'DURE_OPERATOR_PASSWORD', 'PAYMENT_PROVIDER', 'BILLING_KEY_ENCRYPTION_KEY'])
        expect(text).toContain(name);
    }
  });

  it('takes the simulated payment provider by default and needs a secret key for Toss', () => {
    expect(loadConfig(base).paymentProvider).toBe('simulated');
    expect(() => loadConfig({ ...base, PAYMENT_PROVIDER: 'toss' })).toThrow(/TOSS_SECRET_KEY/);
    expect(() => loadConfig({ ...base, PAYMENT_PROVIDER: 'paypal' })).toThrow(/PAYMENT_PROVIDER/);
    expect(loadConfig({ ...base, PAYMENT_PROVIDER: 'toss', TOSS_SECRET_KEY: 'test_sk_x' }).tossApiBaseUrl).toBe('https://api.tosspayments.com');
  });

  it('derives a billing-key encryption key outside production, and requires a 32-byte one in production', () => {
    const derived = loadConfig(base).billingKeyEncryptionKey;
    expect(Buffer.from(derived, 'base64')).toHaveLength(32);
    expect(loadConfig(base).billingKeyEncryptionKey).toBe(derived);
    expect(loadConfig({ ...base, JWT_SECRET: 'b'.repeat(32) }).billingKeyEncryptionKey).not.toBe(derived);
    const own = Buffer.alloc(32, 7).toString('base64');
    expect(loadConfig({ ...base, BILLING_KEY_ENCRYPTION_KEY: own }).billingKeyEncryptionKey).toBe(own);
    expect(() => loadConfig({ ...base, BILLING_KEY_ENCRYPTION_KEY: 'c2hvcnQ=' })).toThrow(/BILLING_KEY_ENCRYPTION_KEY must be 32 bytes/);
    const production = { ...base, NODE_ENV: 'production', DATABASE_URL: 'postgres://x@localhost/db', PAYMENT_PROVIDER: 'simulated' };
    expect(() => loadConfig(production)).toThrow(/BILLING_KEY_ENCRYPTION_KEY is required in production/);
    expect(loadConfig({ ...production, BILLING_KEY_ENCRYPTION_KEY: own }).billingKeyEncryptionKey).toBe(own);
  });

  it('defaults listings to docs/RULES.md §6 and §7: full refund ≥ 24 h, 50 % ≥ 3 h, Asia/Seoul', () => {
    expect(loadConfig(base)).toMatchObject({
      defaultCancellationPolicy: { fullRefundHoursBefore: 24, partialRefundHoursBefore: 3, partialRefundRateBps: 5000 },
      defaultTimezone: 'Asia/Seoul',
    });
    expect(loadConfig({ ...base, DEFAULT_TIMEZONE: 'America/New_York' }).defaultTimezone).toBe('America/New_York');
    expect(() => loadConfig({ ...base, DEFAULT_TIMEZONE: 'Seoul' })).toThrow(/DEFAULT_TIMEZONE/);
    expect(() => loadConfig({ ...base, CANCELLATION_PARTIAL_REFUND_HOURS: '48' })).toThrow(/CANCELLATION_PARTIAL_REFUND_HOURS/);
    expect(() => loadConfig({ ...base, CANCELLATION_PARTIAL_REFUND_RATE_BPS: '10001' })).toThrow(/CANCELLATION_PARTIAL_REFUND_RATE_BPS/);
  });

  it('has the booking defaults of docs/RULES.md §8 and refuses a hold of zero minutes', () => {
    expect(loadConfig(base)).toMatchObject({
      reservationHoldMinutes: 15,
      reservationAutoCompleteHours: 72,
      offerDefaultExpiryHours: 48,
      idempotencyKeyTtlHours: 24,
    });
    expect(() => loadConfig({ ...base, RESERVATION_HOLD_MINUTES: '0' })).toThrow(/RESERVATION_HOLD_MINUTES/);
  });

  it('retries a declined subscription charge at +1, +3 and +7 days by default, and takes only rising whole days', () => {
    expect(loadConfig(base).subscriptionRetryDays).toEqual([1, 3, 7]);
    expect(loadConfig({ ...base, SUBSCRIPTION_RETRY_DAYS: ' 2, 5 ' }).subscriptionRetryDays).toEqual([2, 5]);
    for (const wrong of ['3,1', '0,2', '1,1', '1,x', '31'])
      expect(() => loadConfig({ ...base, SUBSCRIPTION_RETRY_DAYS: wrong })).toThrow('SUBSCRIPTION_RETRY_DAYS must be rising whole days');
  });

  it('checks the database pool size with every other setting', () => {
    expect(loadConfig({ ...base, DATABASE_POOL_SIZE: '25' }).databasePoolSize).toBe(25);
    expect(() => loadConfig({ ...base, DATABASE_POOL_SIZE: 'ten' })).toThrow(/DATABASE_POOL_SIZE/);
  });

  it('leaves /metrics off without a token, refuses a short one, and drains on SIGTERM only in production by default', () => {
    expect(loadConfig(base)).toMatchObject({ metricsToken: undefined, shutdownDrainMs: 0 });
    expect(() => loadConfig({ ...base, METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
    expect(loadConfig({ ...base, METRICS_TOKEN: 'm'.repeat(16), SHUTDOWN_DRAIN_MS: '1500' })).toMatchObject({
      metricsToken: 'm'.repeat(16),
      shutdownDrainMs: 1500,
    });
    const production = {
      ...base,
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://x@localhost/db',
      PAYMENT_PROVIDER: 'simulated',
      BILLING_KEY_ENCRYPTION_KEY: Buffer.alloc(32).toString('base64'),
    };
    expect(loadConfig(production).shutdownDrainMs).toBe(5000);
  });

  it('turns demo data off for an external database', () => {
    expect(loadConfig({ ...base, DATABASE_URL: 'postgres://x@localhost/db' }).demoData).toBe(false);
  });

  it('keeps listing images on local disk by default and needs a bucket for s3, whose public URL it derives', () => {
    expect(loadConfig(base)).toMatchObject({ mediaStorage: 'local', mediaPublicBaseUrl: 'http://localhost:3000', s3: undefined });
    expect(loadConfig({ ...base, PORT: '8080', S3_BUCKET: 'ignored' })).toMatchObject({ mediaPublicBaseUrl: 'http://localhost:8080', s3: undefined });
    expect(() => loadConfig({ ...base, MEDIA_STORAGE: 's3' })).toThrow(/S3_BUCKET/);
    expect(() => loadConfig({ ...base, MEDIA_STORAGE: 'ftp' })).toThrow(/MEDIA_STORAGE/);
    expect(() => loadConfig({ ...base, MEDIA_STORAGE: 's3', S3_BUCKET: 'b', S3_ACCESS_KEY_ID: 'key' })).toThrow(/S3_SECRET_ACCESS_KEY/);
    expect(loadConfig({ ...base, MEDIA_STORAGE: 's3', S3_BUCKET: 'dure' }).mediaPublicBaseUrl).toBe('https://dure.s3.ap-northeast-2.amazonaws.com');
    const ncp = { ...base, MEDIA_STORAGE: 's3', S3_BUCKET: 'dure', S3_REGION: 'kr-standard', S3_ENDPOINT: 'https://kr.object.ncloudstorage.com/' };
    expect(loadConfig(ncp)).toMatchObject({
      mediaPublicBaseUrl: 'https://dure.kr.object.ncloudstorage.com',
      s3: { endpoint: 'https://kr.object.ncloudstorage.com', forcePathStyle: false },
    });
    expect(loadConfig({ ...ncp, S3_FORCE_PATH_STYLE: 'true' }).mediaPublicBaseUrl).toBe('https://kr.object.ncloudstorage.com/dure');
    expect(loadConfig({ ...ncp, MEDIA_PUBLIC_BASE_URL: 'https://img.dure.kr/' }).mediaPublicBaseUrl).toBe('https://img.dure.kr');
  });

  it('with PORT=0, points the local media URL at the port picked at listen unless MEDIA_PUBLIC_BASE_URL was set', () => {
    const picked = (env: Record<string, string>) => {
      const config = loadConfig({ ...base, ...env });
      followListeningPort(config, 41234);
      return config.mediaPublicBaseUrl;
    };
    expect(picked({ PORT: '0' })).toBe('http://localhost:41234');
    expect(picked({ PORT: '3000' })).toBe('http://localhost:3000');
    expect(picked({ PORT: '0', MEDIA_PUBLIC_BASE_URL: 'https://img.dure.kr' })).toBe('https://img.dure.kr');
    expect(picked({ PORT: '0', MEDIA_STORAGE: 's3', S3_BUCKET: 'dure' })).toBe('https://dure.s3.ap-northeast-2.amazonaws.com');
  });
});
