import { realInfraAvailable } from '@switchboard/testing';
import { RedisMembership } from '@switchboard/delivery/redis/redis.membership';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeMembershipContract } from './membership.contract';
import { deleteKeys, REDIS, TEST_REDIS_URL, testPrefix } from '@switchboard/testing/redis.infra';

// Async factory: Vitest awaits it while collecting, so the probe decides skip-or-run.
describe('RedisMembership', async () => {
  const available = await realInfraAvailable(REDIS);
  describe.skipIf(!available)('against a real server', () => {
    const runPrefix = testPrefix('members');
    let opened = 0;
    let admin: Redis;
    beforeAll(() => {
      admin = new Redis(TEST_REDIS_URL);
    });
    afterAll(async () => {
      await deleteKeys(admin, `${runPrefix}*`);
      await admin.quit();
    });

    // A prefix per test: the contract asserts the whole live list.
    describeMembershipContract('redis', () => {
      opened += 1;
      return Promise.resolve(
        new RedisMembership({ redis: TEST_REDIS_URL, prefix: `${runPrefix}${opened}:` }),
      );
    });

    it('two processes see the same live list; withdrawn and expired ids leave the index', async () => {
      const prefix = `${runPrefix}shared:`;
      const gateway = new RedisMembership({ redis: TEST_REDIS_URL, prefix });
      const allocator = new RedisMembership({ redis: TEST_REDIS_URL, prefix });
      try {
        await gateway.announce({ gatewayId: 'gw-1', url: 'wss://gw-1', connections: 5 }, 60_000);
        await gateway.announce({ gatewayId: 'gw-2', url: 'wss://gw-2', connections: 1 }, 60_000);
        expect((await allocator.live()).map((info) => info.gatewayId)).toEqual(['gw-1', 'gw-2']);
        await admin.del(`${prefix}member:{gw}:gw-2`); // as if its TTL ran out
        await gateway.withdraw('gw-1');
        expect(await allocator.live()).toEqual([]);
        expect(await admin.smembers(`${prefix}members:{gw}`)).toEqual([]);
      } finally {
        await gateway.close();
        await allocator.close();
      }
    });
  });
});
