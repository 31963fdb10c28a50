import { Global, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { BUS, InMemoryBus, silentBusLogger } from '@switchboard/bus';
import { TOPICS } from '@switchboard/contracts';
import { CLOCK } from '@switchboard/platform/clock/clock.port';
import { describe, expect, it, vi } from 'vitest';
import {
  connection,
  envelope,
  messagePosted,
  NOW,
  publishEnvelope,
  RecordingGateways,
} from '../test/delivery.fixtures';
import {
  CONNECTION_REGISTRY,
  type ConnectionRegistry,
} from './connection-registry/connection-registry.port';
import { DeliveryModule } from './delivery.module';
import { Dispatcher } from './dispatcher/dispatcher';
import { DeliveryService } from './fan-out/delivery.service';
import { FAN_OUT } from './fan-out/fan-out.port';
import { GATEWAY_LINK, type GatewayLink } from './gateway-link/gateway-link.port';
import { LogPushSender } from './push/log.push-sender';
import { PUSH_SENDER } from './push/push-sender.port';
import { PushWorker } from './push/push.worker';
import { WebhookPushSender } from './push/webhook.push-sender';

async function boot(options: Parameters<typeof DeliveryModule.forRoot>[0] = {}) {
  const bus = new InMemoryBus({ logger: silentBusLogger });
  @Global()
  @Module({
    providers: [
      { provide: BUS, useValue: bus },
      { provide: CLOCK, useValue: { now: () => NOW } },
    ],
    exports: [BUS, CLOCK],
  })
  class InfraModule {}
  const moduleRef = await Test.createTestingModule({
    imports: [InfraModule, DeliveryModule.forRoot(options)],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.init();
  return { app, bus };
}

describe('DeliveryModule', () => {
  it('boots the dispatcher and push worker: a message reaches a live socket, an offline one is pushed', async () => {
    const { app, bus } = await boot();
    try {
      expect(app.get(PUSH_SENDER)).toBeInstanceOf(LogPushSender);
      expect(app.get(FAN_OUT)).toBe(app.get(DeliveryService));
      const registry = app.get<ConnectionRegistry>(CONNECTION_REGISTRY);
      const gateways = await RecordingGateways.on(app.get<GatewayLink>(GATEWAY_LINK), 'gw-1');
      await registry.register(connection('cust-1', 'customer', 'web', 'gw-1'));
      const data = messagePosted({
        recipients: [
          { userId: 'cust-1', role: 'customer' },
          { userId: 'cust-2', role: 'customer' },
        ],
      });
      await publishEnvelope(bus, TOPICS.imMessages, envelope('MessagePosted', data, 's'));
      await expect.poll(() => gateways.wsids('message.new')).toEqual(['cust-1-web']);
      await expect.poll(() => app.get(PushWorker).counters.sent).toBe(1);
    } finally {
      await app.close();
      await bus.close();
    }
  });

  it('with consumers off, joins no consumer group but still links gateways', async () => {
    const dispatcherStart = vi.spyOn(Dispatcher.prototype, 'start');
    const workerStart = vi.spyOn(PushWorker.prototype, 'start');
    const { app, bus } = await boot({ consumers: false });
    try {
      expect(dispatcherStart).not.toHaveBeenCalled();
      expect(workerStart).not.toHaveBeenCalled();
      const registry = app.get<ConnectionRegistry>(CONNECTION_REGISTRY);
      const gateways = await RecordingGateways.on(app.get<GatewayLink>(GATEWAY_LINK), 'gw-1');
      await registry.register(connection('cust-1', 'customer', 'web', 'gw-1'));
      await app
        .get(DeliveryService)
        .fanOut([{ userId: 'cust-1', role: 'customer' }], 'typing', { typing: true });
      await expect.poll(() => gateways.wsids('typing')).toEqual(['cust-1-web']);
    } finally {
      dispatcherStart.mockRestore();
      workerStart.mockRestore();
      await app.close();
      await bus.close();
    }
  });

  it('uses the webhook sender when a URL is configured', async () => {
    const { app, bus } = await boot({
      pushWebhookUrl: 'http://127.0.0.1:9/push',
      dispatcher: false,
    });
    try {
      expect(app.get(PUSH_SENDER)).toBeInstanceOf(WebhookPushSender);
    } finally {
      await app.close();
      await bus.close();
    }
  });
});
