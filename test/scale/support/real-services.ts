import { realInfraAvailable } from '@switchboard/testing';
import { POSTGRES, TEST_DATABASE_URL } from '@switchboard/testing/postgres.infra';
import { deleteKeys, REDIS, TEST_REDIS_URL } from '@switchboard/testing/redis.infra';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { kafkaInfra } from '../../../libs/bus/test/kafka/kafka.infra';

/**
 * PostgreSQL, Kafka and Redis, each through its gate: a suite that needs them FAILS when its
 * REQUIRE_POSTGRES / REQUIRE_KAFKA / REQUIRE_REDIS is set and the server is down, and says
 * loudly that it skipped otherwise. All three are checked (no short-circuit), so every
 * missing server is reported.
 */
export async function realServicesAvailable(): Promise<boolean> {
  const gates = await Promise.all([
    realInfraAvailable(POSTGRES),
    realInfraAvailable(kafkaInfra),
    realInfraAvailable(REDIS),
  ]);
  return gates.every(Boolean);
}

/**
 * Creates the run's schema before any process starts: the apps start at once and each
 * adapter (event store, checkpoints, lease) creates it under its own lock otherwise.
 */
export async function createRunSchema(schema: string): Promise<void> {
  const client = new Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`).finally(() => client.end());
}

/**
 * Drops the run's schema and Redis keys (the servers are shared with other suites), and the
 * run's directory of uploads when given (`dirname` of its UPLOAD_DIR).
 */
export async function cleanUpRun(
  schema: string,
  redisPrefix: string,
  uploadDir?: string,
): Promise<void> {
  if (uploadDir !== undefined) await rm(dirname(uploadDir), { recursive: true, force: true });
  const client = new Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).finally(() => client.end());
  const redis = new Redis(TEST_REDIS_URL);
  await deleteKeys(redis, `${redisPrefix}*`).finally(() => redis.disconnect());
}
