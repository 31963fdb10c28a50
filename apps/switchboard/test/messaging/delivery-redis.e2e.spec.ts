import { REDIS, TEST_REDIS_URL, deleteKeys, testPrefix } from '@switchboard/testing/redis.infra';
import { realInfraAvailable } from '@switchboard/testing';
import { Redis } from 'ioredis';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Api,
  connect,
  consultationChat,
  eventually,
  history,
  seqs,
  startApi,
} from './messaging.fixture';

/**
 * The one-process app on the scale-out delivery adapters (Redis registry, pub/sub gateway link,
 * Redis membership): the same messages reach the same devices, and the gateway is allocatable.
 */
describe('messaging on the Redis delivery adapters', async () => {
  const available = await realInfraAvailable(REDIS);
  describe.skipIf(!available)('with Redis', () => {
    let api: Api;
    const prefix = testPrefix('app');
    beforeAll(async () => {
      api = await startApi({
        DELIVERY_ADAPTER: 'redis',
        REDIS_URL: TEST_REDIS_URL,
        DELIVERY_REDIS_PREFIX: prefix,
        GATEWAY_ID: 'gw-redis-e2e',
        GATEWAY_PUBLIC_URL: 'http://gw-redis-e2e.local:3000',
      });
    });
    afterAll(async () => {
      await api.harness.dispose();
      const client = new Redis(TEST_REDIS_URL);
      await deleteKeys(client, `${prefix}*`);
      client.disconnect();
    });

    it('delivers to every device through the Redis registry and link', async () => {
      const customerId = api.id('customer');
      const phone = await connect(api, customerId, 'customer');
      const laptop = await connect(api, customerId, 'customer', { device: 'desktop' });
      const chat = await consultationChat(api, phone, customerId);
      for (let i = 0; i < 10; i++) {
        const ack = await phone.emit('message.send', {
          conversationId: chat.conversationId,
          clientMsgId: `r-${i}`,
          type: 'text',
          text: `r-${i}`,
        });
        expect(ack.ok).toBe(true);
      }
      const all = await history(api, chat.conversationId, api.bearer(customerId, 'customer'));
      await eventually(async () => expect(seqs(laptop.received)).toEqual(seqs(all)), 10_000);
      phone.close();
      laptop.close();
    });

    it('allocates the live gateway it announced in Redis', async () => {
      const res = await request(api.server)
        .get('/v1/gateways/allocate')
        .set('Authorization', api.bearer(api.id('customer'), 'customer'))
        .expect(200);
      expect(res.body).toMatchObject({
        gatewayId: 'gw-redis-e2e',
        url: 'http://gw-redis-e2e.local:3000',
      });
    });
  });
});
