import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEV_JWT_SECRET, KNOWN_ENV_VARS } from './env.schema';
import { EnvValidationError, loadEnv, validateEnv } from './env.validation';

function problemsOf(raw: Record<string, string>): EnvValidationError {
  try {
    validateEnv(raw);
  } catch (error) {
    if (error instanceof EnvValidationError) return error;
    throw error;
  }
  throw new Error('expected validation to fail');
}

describe('validateEnv', () => {
  it('applies the embedded defaults when nothing is set', () => {
    expect(validateEnv({})).toEqual({
      NODE_ENV: 'development',
      PORT: 3000,
      LOG_LEVEL: 'info',
      EVENT_STORE: 'sqlite',
      SQLITE_FILENAME: './data/switchboard.db',
      BUS: 'memory',
      BUS_PARTITIONS: 3,
      KAFKA_CLIENT_ID: 'switchboard',
      KAFKA_PARTITIONS: 3,
      KAFKA_REPLICATION_FACTOR: 1,
      SHUTDOWN_TIMEOUT_MS: 10_000,
      JWT_SECRET: DEV_JWT_SECRET,
      JWT_TTL: 12 * 3_600,
      ROUTING_DEFAULT_STRATEGY: 'least-load',
      FAQ_AUTO_ANSWER_THRESHOLD: 0.5,
      QA_FIRST_RESPONSE_SLA_SECONDS: 60,
      UPLOAD_DIR: './data/uploads',
      UPLOAD_MAX_BYTES: 10 * 1024 * 1024,
      UPLOAD_ALLOWED_TYPES: 'image/png,image/jpeg,image/gif,image/webp,application/pdf',
      PUSH_WEBHOOK_TIMEOUT_MS: 5_000,
      PUSH_WEBHOOK_RETRIES: 3,
      PUSH_MAX_AGE_MS: 900_000,
      GATEWAY_HEARTBEAT_MS: 300_000,
      GATEWAY_ACK_TIMEOUT_MS: 1_000,
      GATEWAY_ACK_MAX_BACKOFF_MS: 30_000,
      GATEWAY_RATE_LIMIT_PER_S: 50,
      GATEWAY_PING_INTERVAL_MS: 25_000,
      GATEWAY_PING_TIMEOUT_MS: 20_000,
      GATEWAY_TRUST_PROXY: false,
      WEB_DIR: 'dist/web',
      GATEWAY_ALLOCATION: 'least-connections',
      DELIVERY_ADAPTER: 'memory',
      DELIVERY_REDIS_PREFIX: 'sb:',
      MODERATION_MODE: 'mask',
      MODERATION_BLOCK_LINKS: false,
      RELAY_LEASE: 'none',
      RELAY_LEASE_TTL_MS: 10_000,
      RELAY_NAME: 'relay',
      GATEWAY_EDGE: 'in-process',
      GATEWAY_EDGE_TIMEOUT_MS: 5_000,
      DATA_STORE: 'sqlite',
      DATA_POSTGRES_SCHEMA: 'data',
      DATA_CONVERSION_WINDOW_MS: 604_800_000,
      DATA_PROJECTOR: true,
      DATA_METRICS_CACHE_MS: 5_000,
    });
  });

  it('names a bad data-service variable', () => {
    expect(problemsOf({ DATA_STORE: 'mongo', DATA_CONVERSION_WINDOW_MS: '10' }).variables).toEqual([
      'DATA_STORE',
      'DATA_CONVERSION_WINDOW_MS',
    ]);
    expect(problemsOf({ DATA_POSTGRES_SCHEMA: 'Bad-Name' }).variables).toEqual([
      'DATA_POSTGRES_SCHEMA',
    ]);
  });

  it('requires the lease store and the edge URLs their settings need', () => {
    expect(problemsOf({ RELAY_LEASE: 'postgres' }).variables).toEqual(['DATABASE_URL']);
    expect(problemsOf({ RELAY_LEASE: 'redis' }).variables).toEqual(['REDIS_URL']);
    expect(problemsOf({ RELAY_LEASE: 'zookeeper' }).variables).toEqual(['RELAY_LEASE']);
    expect(problemsOf({ RELAY_LEASE_TTL_MS: '100', RELAY_NAME: 'a b' }).variables).toEqual([
      'RELAY_LEASE_TTL_MS',
      'RELAY_NAME',
    ]);
    expect(problemsOf({ GATEWAY_EDGE: 'http' }).variables).toEqual([
      'IM_URL',
      'CUSTOMER_SERVICE_URL',
    ]);
    expect(
      validateEnv({
        RELAY_LEASE: 'redis',
        REDIS_URL: 'redis://cache:6379',
        GATEWAY_EDGE: 'http',
        IM_URL: 'http://im:3000',
        CUSTOMER_SERVICE_URL: 'http://customer-service:3000',
      }),
    ).toMatchObject({ RELAY_LEASE: 'redis', GATEWAY_EDGE: 'http', IM_URL: 'http://im:3000' });
  });

  it('rejects an unknown ROUTING_DEFAULT_STRATEGY', () => {
    expect(problemsOf({ ROUTING_DEFAULT_STRATEGY: 'random' }).variables).toEqual([
      'ROUTING_DEFAULT_STRATEGY',
    ]);
  });

  it('converts numbers and the broker list, and keeps only known variables', () => {
    const env = validateEnv({
      PORT: '8080',
      BUS: 'kafka',
      KAFKA_BROKERS: 'kafka-1:9092,kafka-2:9092',
      BUS_PARTITIONS: '12',
      PATH: '/usr/bin',
    });
    expect(env.PORT).toBe(8080);
    expect(env.KAFKA_BROKERS).toEqual(['kafka-1:9092', 'kafka-2:9092']);
    expect(env.KAFKA_PARTITIONS).toBe(12);
    expect(env).not.toHaveProperty('PATH');
  });

  it('treats empty strings as unset', () => {
    expect(validateEnv({ PORT: '', DATABASE_URL: '' }).PORT).toBe(3000);
  });

  it('rejects an unknown event store, naming the variable and the value', () => {
    const error = problemsOf({ EVENT_STORE: 'mysql' });
    expect(error.variables).toEqual(['EVENT_STORE']);
    expect(error.message).toMatch(
      /EVENT_STORE: "EVENT_STORE" must be one of \[sqlite, postgres, eventstoredb\]/,
    );
    expect(error.message).toContain('(got "mysql")');
  });

  it('rejects a port that is not a number', () => {
    const error = problemsOf({ PORT: 'abc' });
    expect(error.variables).toEqual(['PORT']);
    expect(error.message).toMatch(/PORT: "PORT" must be a number \(got "abc"\)/);
  });

  it.each(['Events', '1events', 'a'.repeat(41)])(
    'rejects EVENT_STORE_SCHEMA=%s, which the PostgreSQL store would refuse at start',
    (schema) => {
      expect(problemsOf({ EVENT_STORE_SCHEMA: schema }).variables).toEqual(['EVENT_STORE_SCHEMA']);
    },
  );

  it('requires DATABASE_URL when EVENT_STORE=postgres', () => {
    const error = problemsOf({ EVENT_STORE: 'postgres' });
    expect(error.variables).toEqual(['DATABASE_URL']);
    expect(error.message).toMatch(/DATABASE_URL: "DATABASE_URL" is required/);
    expect(
      validateEnv({ EVENT_STORE: 'postgres', DATABASE_URL: 'postgres://u:p@db:5432/sb' }),
    ).toMatchObject({ EVENT_STORE: 'postgres' });
  });

  it('requires EVENTSTORE_URL when EVENT_STORE=eventstoredb, and KAFKA_BROKERS when BUS=kafka', () => {
    expect(problemsOf({ EVENT_STORE: 'eventstoredb' }).variables).toEqual(['EVENTSTORE_URL']);
    expect(problemsOf({ BUS: 'kafka' }).variables).toEqual(['KAFKA_BROKERS']);
    expect(problemsOf({ BUS: 'kafka', KAFKA_BROKERS: 'kafka' }).variables).toEqual([
      'KAFKA_BROKERS',
    ]);
    expect(
      problemsOf({ EVENT_STORE: 'eventstoredb', EVENTSTORE_URL: 'http://esdb:2113' }).variables,
    ).toEqual(['EVENTSTORE_URL']);
  });

  it('reports every bad variable at once and never echoes secrets', () => {
    const error = problemsOf({
      LOG_LEVEL: 'loud',
      SHUTDOWN_TIMEOUT_MS: '-1',
      DATABASE_URL: 'mysql://root:hunter2@db/sb',
    });
    expect(error.variables.sort()).toEqual(['DATABASE_URL', 'LOG_LEVEL', 'SHUTDOWN_TIMEOUT_MS']);
    expect(error.message).not.toContain('hunter2');
  });

  it('requires a JWT_SECRET of 32+ characters in production, never the public dev secret', () => {
    const production = { NODE_ENV: 'production' };
    const missing = problemsOf(production);
    expect(missing.variables).toEqual(['JWT_SECRET']);
    expect(missing.message).toMatch(/JWT_SECRET: "JWT_SECRET" is required/);
    const short = problemsOf({ ...production, JWT_SECRET: 'hunter2-is-short' });
    expect(short.message).toMatch(/at least 32 characters/);
    expect(short.message).not.toContain('hunter2');
    expect(problemsOf({ ...production, JWT_SECRET: DEV_JWT_SECRET }).message).toMatch(
      /must not be the public development secret/,
    );
    const secret = 's'.repeat(32);
    expect(validateEnv({ ...production, JWT_SECRET: secret }).JWT_SECRET).toBe(secret);
  });

  it('falls back to the dev secret in development and test, but checks a given one', () => {
    expect(validateEnv({ NODE_ENV: 'test' }).JWT_SECRET).toBe(DEV_JWT_SECRET);
    expect(problemsOf({ NODE_ENV: 'development', JWT_SECRET: 'short' }).variables).toEqual([
      'JWT_SECRET',
    ]);
  });

  it.each([
    ['3600', 3_600],
    ['90m', 5_400],
    ['12h', 43_200],
    ['30d', 2_592_000],
  ])('reads JWT_TTL %s as %i seconds', (value, seconds) => {
    expect(validateEnv({ JWT_TTL: value }).JWT_TTL).toBe(seconds);
  });

  it.each(['0', '31d', '1w', '-5', '1.5h', 'soon'])('rejects JWT_TTL %s', (value) => {
    const error = problemsOf({ JWT_TTL: value });
    expect(error.variables).toEqual(['JWT_TTL']);
    expect(error.message).toMatch(/JWT_TTL: "JWT_TTL" must be/);
  });

  it('lists every variable it knows', () => {
    expect([...KNOWN_ENV_VARS].sort()).toEqual([
      'BUS',
      'BUS_PARTITIONS',
      'CUSTOMER_SERVICE_URL',
      'DATABASE_URL',
      'DATA_BUSINESS_HOURS',
      'DATA_CONVERSION_WINDOW_MS',
      'DATA_METRICS_CACHE_MS',
      'DATA_POSTGRES_SCHEMA',
      'DATA_POSTGRES_URL',
      'DATA_PROJECTOR',
      'DATA_SQLITE_FILENAME',
      'DATA_STORE',
      'DELIVERY_ADAPTER',
      'DELIVERY_REDIS_PREFIX',
      'EVENTSTORE_URL',
      'EVENT_STORE',
      'EVENT_STORE_SCHEMA',
      'FAQ_AUTO_ANSWER_THRESHOLD',
      'GATEWAY_ACK_MAX_BACKOFF_MS',
      'GATEWAY_ACK_TIMEOUT_MS',
      'GATEWAY_ALLOCATION',
      'GATEWAY_CORS_ORIGIN',
      'GATEWAY_EDGE',
      'GATEWAY_EDGE_TIMEOUT_MS',
      'GATEWAY_HEARTBEAT_MS',
      'GATEWAY_ID',
      'GATEWAY_PING_INTERVAL_MS',
      'GATEWAY_PING_TIMEOUT_MS',
      'GATEWAY_PUBLIC_URL',
      'GATEWAY_RATE_LIMIT_PER_S',
      'GATEWAY_SERVER_IP',
      'GATEWAY_TRUST_PROXY',
      'HOST',
      'IM_URL',
      'JWT_SECRET',
      'JWT_TTL',
      'KAFKA_BROKERS',
      'KAFKA_CLIENT_ID',
      'KAFKA_PARTITIONS',
      'KAFKA_REPLICATION_FACTOR',
      'LOG_LEVEL',
      'MODERATION_ALLOWED_HOSTS',
      'MODERATION_BLOCK_LINKS',
      'MODERATION_MODE',
      'MODERATION_PATTERNS',
      'MODERATION_WORDS',
      'NODE_ENV',
      'PORT',
      'PUSH_MAX_AGE_MS',
      'PUSH_MUTED_SYSTEM_DOMAINS',
      'PUSH_WEBHOOK_RETRIES',
      'PUSH_WEBHOOK_TIMEOUT_MS',
      'PUSH_WEBHOOK_URL',
      'QA_BANNED_WORDS',
      'QA_FIRST_RESPONSE_SLA_SECONDS',
      'REDIS_URL',
      'RELAY_LEASE',
      'RELAY_LEASE_TTL_MS',
      'RELAY_NAME',
      'ROUTING_DEFAULT_STRATEGY',
      'SHUTDOWN_TIMEOUT_MS',
      'SQLITE_FILENAME',
      'UPLOAD_ALLOWED_TYPES',
      'UPLOAD_DIR',
      'UPLOAD_MAX_BYTES',
      'WEB_DIR',
    ]);
  });
});

describe('loadEnv', () => {
  it('reads .env under the process environment', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sb-env-')), '.env');
    writeFileSync(file, 'PORT=4000\nLOG_LEVEL=debug\n');
    expect(loadEnv({ LOG_LEVEL: 'warn' }, file)).toMatchObject({ PORT: 4000, LOG_LEVEL: 'warn' });
    expect(loadEnv({}, join(file, 'missing')).PORT).toBe(3000);
  });
});
