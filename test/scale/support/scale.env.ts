import { TEST_DATABASE_URL } from '@switchboard/testing/postgres.infra';
import { TEST_REDIS_URL } from '@switchboard/testing/redis.infra';
import { randomBytes } from 'node:crypto';

/**
 * One run's production configuration: PostgreSQL event store in a fresh schema (checkpoints
 * and leases in it too), Kafka with a fresh client id, Redis delivery adapters under a fresh
 * key prefix. Kafka topics and the apps' consumer group ids are fixed names (the bus has no
 * topic prefix), so runs share them: every assertion looks only at this run's own ids.
 */
export function scaleEnv(): { readonly env: Record<string, string>; readonly schema: string } {
  const run = randomBytes(4).toString('hex');
  const schema = `scale_${run}`;
  return {
    schema,
    env: {
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      EVENT_STORE: 'postgres',
      DATABASE_URL: TEST_DATABASE_URL,
      EVENT_STORE_SCHEMA: schema,
      BUS: 'kafka',
      KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
      KAFKA_CLIENT_ID: `scale-${run}`,
      DELIVERY_ADAPTER: 'redis',
      REDIS_URL: TEST_REDIS_URL,
      DELIVERY_REDIS_PREFIX: `sbscale:${run}:`,
      RELAY_LEASE: 'postgres',
      RELAY_LEASE_TTL_MS: '3000',
      SHUTDOWN_TIMEOUT_MS: '10000',
      GATEWAY_RATE_LIMIT_PER_S: '1000',
      UPLOAD_DIR: `/tmp/switchboard-scale-${run}/uploads`,
    },
  };
}
