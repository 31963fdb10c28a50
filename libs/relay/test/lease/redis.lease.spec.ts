import { realInfraAvailable } from '@switchboard/testing';
import { deleteKeys, REDIS, TEST_REDIS_URL, testPrefix } from '@switchboard/testing/redis.infra';
import { Redis } from 'ioredis';
import { afterAll, describe } from 'vitest';
import { RedisLease } from '../../src/lease/redis.lease';
import { describeLeaseContract } from '../contract/lease.contract';

describe('RedisLease', async () => {
  const available = await realInfraAvailable(REDIS);
  describe.skipIf(!available)('against a real server', () => {
    const prefix = testPrefix('lease');
    afterAll(async () => {
      const client = new Redis(TEST_REDIS_URL);
      await deleteKeys(client, `${prefix}*`).finally(() => client.disconnect());
    });
    describeLeaseContract('Redis', () => RedisLease.open({ url: TEST_REDIS_URL, prefix }));
  });
});
