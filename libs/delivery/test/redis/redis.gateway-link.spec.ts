import { realInfraAvailable } from '@switchboard/testing';
import type { GatewayDelivery } from '@switchboard/delivery/gateway-link/gateway-link.port';
import { RedisGatewayLink } from '@switchboard/delivery/redis/redis.gateway-link';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { describeGatewayLinkContract } from '../contract/gateway-link.contract';
import { REDIS, TEST_REDIS_URL, testPrefix } from '@switchboard/testing/redis.infra';

const quiet = { warn: () => undefined };
const batch = (n: number): GatewayDelivery[] => [
  { wsids: [`ws-${n}`], event: 'message.new', payload: { n }, ack: true },
];

async function until(check: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

// Async factory: Vitest awaits it while collecting, so the probe decides skip-or-run.
describe('RedisGatewayLink', async () => {
  const available = await realInfraAvailable(REDIS);
  describe.skipIf(!available)('against a real server', () => {
    const prefix = testPrefix('gw');

    describeGatewayLinkContract('redis', () =>
      Promise.resolve(new RedisGatewayLink({ redis: TEST_REDIS_URL, prefix, logger: quiet })),
    );

    it('carries a batch from a dispatcher process to the gateway process that listens', async () => {
      const dispatcher = new RedisGatewayLink({ redis: TEST_REDIS_URL, prefix });
      const gateway = new RedisGatewayLink({ redis: TEST_REDIS_URL, prefix });
      const gatewayId = `gw-${randomUUID()}`;
      const got: GatewayDelivery[][] = [];
      try {
        await gateway.listen(gatewayId, (deliveries) => void got.push([...deliveries]));
        await dispatcher.deliver(gatewayId, batch(1));
        await until(() => got.length === 1);
        expect(got[0]).toEqual(batch(1));
        expect(dispatcher.dropped).toBe(0);
      } finally {
        await dispatcher.close();
        await gateway.close();
      }
    });

    it('counts batches that reached no subscriber', async () => {
      const link = new RedisGatewayLink({ redis: TEST_REDIS_URL, prefix });
      await link.deliver(`gw-${randomUUID()}`, batch(1));
      await link.deliver(`gw-${randomUUID()}`, batch(2));
      expect(link.dropped).toBe(2);
      await link.close();
    });

    it('drops a malformed message on its channel and keeps delivering', async () => {
      const warnings: string[] = [];
      const link = new RedisGatewayLink({
        redis: TEST_REDIS_URL,
        prefix,
        logger: { warn: (message) => void warnings.push(message) },
      });
      const intruder = new Redis(TEST_REDIS_URL);
      const gatewayId = `gw-${randomUUID()}`;
      const got: number[] = [];
      try {
        await link.listen(gatewayId, (deliveries) => {
          got.push((deliveries[0].payload as { n: number }).n);
        });
        await intruder.publish(`${prefix}gw:${gatewayId}`, 'not json');
        await intruder.publish(`${prefix}gw:${gatewayId}`, '{"an":"object"}');
        await link.deliver(gatewayId, batch(3));
        await until(() => got.length === 1);
        expect(got).toEqual([3]);
        expect(warnings).toEqual([
          'Malformed gateway batch dropped',
          'Malformed gateway batch dropped',
        ]);
      } finally {
        await intruder.quit();
        await link.close();
      }
    });

    it('leaves a shared publisher open on close', async () => {
      const shared = new Redis(TEST_REDIS_URL);
      const link = new RedisGatewayLink({ redis: shared, prefix });
      await link.listen(`gw-${randomUUID()}`, () => undefined);
      await link.close();
      await link.close();
      expect(await shared.ping()).toBe('PONG');
      await shared.quit();
    });
  });
});
