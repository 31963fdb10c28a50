import { randomBytes } from 'node:crypto';
import type { RealInfra } from '@switchboard/testing';
import { Redis } from 'ioredis';

/** The Redis that server-backed suites use (`REDIS_URL`, or the local server). */
export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Gate for Redis suites: `await realInfraAvailable(REDIS)` (REQUIRE_REDIS=1 in CI). */
export const REDIS: RealInfra = {
  name: 'Redis',
  requireVar: 'REQUIRE_REDIS',
  probe: async () => {
    const client = new Redis(TEST_REDIS_URL, {
      lazyConnect: true,
      connectTimeout: 5_000,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.ping();
    } finally {
      client.disconnect();
    }
  },
};

/** A key prefix no other run uses: suites share the server, so nobody may FLUSHDB it. */
export function testPrefix(suite: string): string {
  return `sbtest:${suite}:${randomBytes(4).toString('hex')}:`;
}

/** Deletes every key matching `pattern` (SCAN: test and operator use only, never a hot path). */
export async function deleteKeys(client: Redis, pattern: string): Promise<number> {
  let deleted = 0;
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) deleted += await client.unlink(...keys);
  } while (cursor !== '0');
  return deleted;
}
