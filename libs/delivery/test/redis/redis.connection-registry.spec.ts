import { realInfraAvailable } from '@switchboard/testing';
import { RedisConnectionRegistry } from '@switchboard/delivery/redis/redis.connection-registry';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectionRow,
  describeConnectionRegistryContract,
} from '../contract/connection-registry.contract';
import { deleteKeys, REDIS, TEST_REDIS_URL, testPrefix } from '@switchboard/testing/redis.infra';

/** Real time against a real server: short enough for the TTL tests, long enough for CI. */
const TTL_MS = 400;

// Async factory: Vitest awaits it while collecting, so the probe decides skip-or-run.
describe('RedisConnectionRegistry', async () => {
  const available = await realInfraAvailable(REDIS);
  describe.skipIf(!available)('against a real server', () => {
    const prefix = testPrefix('conn');
    let admin: Redis;
    beforeAll(() => {
      admin = new Redis(TEST_REDIS_URL);
    });
    afterAll(async () => {
      await deleteKeys(admin, `${prefix}*`);
      await admin.quit();
    });

    describeConnectionRegistryContract(
      'redis',
      () =>
        Promise.resolve(
          new RedisConnectionRegistry({ redis: TEST_REDIS_URL, prefix, ttlMs: TTL_MS }),
        ),
      {
        ttlMs: TTL_MS,
        wipe: async (registry) => {
          await deleteKeys(admin, (registry as RedisConnectionRegistry).keyPattern);
        },
      },
    );

    it('looks up many uids in one pipelined round trip', async () => {
      const registry = new RedisConnectionRegistry({ redis: TEST_REDIS_URL, prefix });
      const uids = Array.from({ length: 50 }, () => `u-${randomUUID()}`);
      await registry.heartbeat(uids.map((uid) => connectionRow(uid)));
      // Warm-up: the first call may load the Lua script; steady state is what matters.
      await registry.lookup(uids.slice(0, 1));
      const client = (registry as unknown as { client: Redis }).client;
      let writes = 0;
      const stream = (client as unknown as { stream: { write: (...args: unknown[]) => boolean } })
        .stream;
      const original = stream.write.bind(stream);
      stream.write = (...args: unknown[]) => {
        writes += 1;
        return original(...args);
      };
      try {
        const found = await registry.lookup(uids);
        expect(found.size).toBe(50);
      } finally {
        stream.write = original;
        await registry.close();
      }
      expect(writes).toBe(1);
    });

    it('keeps rows with a 2-hour TTL by default and removes dead members on lookup', async () => {
      const registry = new RedisConnectionRegistry({ redis: TEST_REDIS_URL, prefix });
      const row = connectionRow(`u-${randomUUID()}`);
      await registry.register(row);
      const rowTtl = await admin.pttl(`${prefix}conn:{${row.uid}}:${row.wsid}`);
      expect(rowTtl).toBeGreaterThan(2 * 60 * 60 * 1000 - 60_000);
      // A row key gone behind the registry's back (expired) leaves a stale set member.
      await admin.del(`${prefix}conn:{${row.uid}}:${row.wsid}`);
      expect((await registry.lookup([row.uid])).has(row.uid)).toBe(false);
      expect(await admin.exists(`${prefix}conn:{${row.uid}}`)).toBe(0);
      await registry.close();
    });

    it('leaves a shared client open on close', async () => {
      const shared = new Redis(TEST_REDIS_URL);
      const registry = new RedisConnectionRegistry({ redis: shared, prefix });
      await registry.close();
      await expect(registry.lookup(['x'])).rejects.toThrow('closed');
      expect(await shared.ping()).toBe('PONG');
      await shared.quit();
    });
  });
});
