import { Test } from '@nestjs/testing';
import { CONNECTION_REGISTRY } from '@switchboard/delivery/connection-registry/connection-registry.port';
import { InMemoryConnectionRegistry } from '@switchboard/delivery/connection-registry/in-memory.connection-registry';
import { GATEWAY_LINK } from '@switchboard/delivery/gateway-link/gateway-link.port';
import { InProcessGatewayLink } from '@switchboard/delivery/gateway-link/in-process.gateway-link';
import { GATEWAY_ALLOCATION_OPTIONS } from '@switchboard/delivery/membership/gateway-allocation.controller';
import { InMemoryMembership } from '@switchboard/delivery/membership/in-memory.membership';
import { MEMBERSHIP, type Membership } from '@switchboard/delivery/membership/membership.port';
import {
  deliveryAdapterProviders,
  parseAllocationStrategy,
  parseDeliveryAdapter,
} from '@switchboard/delivery/redis/delivery-adapters.providers';
import { RedisConnectionRegistry } from '@switchboard/delivery/redis/redis.connection-registry';
import { RedisGatewayLink } from '@switchboard/delivery/redis/redis.gateway-link';
import { RedisMembership } from '@switchboard/delivery/redis/redis.membership';
import { realInfraAvailable } from '@switchboard/testing';
import { describe, expect, it } from 'vitest';
import { REDIS, TEST_REDIS_URL, testPrefix } from '@switchboard/testing/redis.infra';

async function resolve(options: Parameters<typeof deliveryAdapterProviders>[0]) {
  const moduleRef = await Test.createTestingModule({
    providers: deliveryAdapterProviders(options),
  }).compile();
  return {
    registry: moduleRef.get<{ close(): Promise<void> }>(CONNECTION_REGISTRY),
    link: moduleRef.get<{ close(): Promise<void> }>(GATEWAY_LINK),
    membership: moduleRef.get<Membership>(MEMBERSHIP),
    allocation: moduleRef.get<{ strategy: string }>(GATEWAY_ALLOCATION_OPTIONS),
  };
}

describe('deliveryAdapterProviders', async () => {
  const redisUp = await realInfraAvailable(REDIS);

  it('memory: the embedded adapters and least-connections by default', async () => {
    const got = await resolve({ adapter: 'memory' });
    expect(got.registry).toBeInstanceOf(InMemoryConnectionRegistry);
    expect(got.link).toBeInstanceOf(InProcessGatewayLink);
    expect(got.membership).toBeInstanceOf(InMemoryMembership);
    expect(got.allocation).toEqual({ strategy: 'least-connections' });
  });

  it('redis without REDIS_URL fails at startup, not at the first message', async () => {
    await expect(resolve({ adapter: 'redis' })).rejects.toThrow('REDIS_URL');
  });

  it.skipIf(!redisUp)('redis: the Redis adapters, working', async () => {
    const got = await resolve({
      adapter: 'redis',
      redisUrl: TEST_REDIS_URL,
      prefix: testPrefix('providers'),
      allocation: 'ip-hash',
    });
    expect(got.registry).toBeInstanceOf(RedisConnectionRegistry);
    expect(got.link).toBeInstanceOf(RedisGatewayLink);
    expect(got.membership).toBeInstanceOf(RedisMembership);
    expect(got.allocation).toEqual({ strategy: 'ip-hash' });
    await got.membership.announce({ gatewayId: 'gw-1', url: 'wss://one', connections: 0 }, 1_000);
    expect(await got.membership.live()).toHaveLength(1);
    await got.membership.withdraw('gw-1');
    await Promise.all([got.registry.close(), got.link.close(), got.membership.close()]);
  });

  it('parses the env values and refuses unknown ones', () => {
    expect(parseDeliveryAdapter(undefined)).toBe('memory');
    expect(parseDeliveryAdapter('redis')).toBe('redis');
    expect(() => parseDeliveryAdapter('etcd')).toThrow(RangeError);
    expect(parseAllocationStrategy('')).toBe('least-connections');
    expect(parseAllocationStrategy('round-robin')).toBe('round-robin');
    expect(() => parseAllocationStrategy('random')).toThrow(RangeError);
  });
});
