import { TEST_DATABASE_URL } from '@switchboard/testing/postgres.infra';
import { deleteKeys, TEST_REDIS_URL } from '@switchboard/testing/redis.infra';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import type { ClusterService } from './cluster.service';

/*
 * The run's schema and Redis keys, as test/scale's helpers do it; those live next to the
 * suites' gates, which import Vitest, so a plain Node process (the bench) cannot load them.
 */

/** Created before any process starts: the services would race to create it otherwise. */
export async function createRunSchema(schema: string): Promise<void> {
  const client = new Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`).finally(() => client.end());
}

/** Drops the run's schema and Redis keys (the servers are shared). */
export async function cleanUpRun(schema: string, redisPrefix: string): Promise<void> {
  const client = new Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).finally(() => client.end());
  const redis = new Redis(TEST_REDIS_URL);
  await deleteKeys(redis, `${redisPrefix}*`).finally(() => redis.disconnect());
}

/** SIGTERMs every service together; their exit codes by name. */
export async function stopAll(
  services: readonly ClusterService[],
): Promise<Record<string, number | null>> {
  const codes = await Promise.all(services.map((service) => service.stop()));
  return Object.fromEntries(services.map((service, i) => [service.name, codes[i]!]));
}
