import { Global, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { Test, type TestingModule } from '@nestjs/testing';
import { QUEUE_POSITION_NOTIFIER } from '@switchboard/consultation/application/routing/queue-position.notifier';
import {
  CONNECTION_REGISTRY,
  type ConnectionRecord,
} from '@switchboard/delivery/connection-registry/connection-registry.port';
import { InMemoryConnectionRegistry } from '@switchboard/delivery/connection-registry/in-memory.connection-registry';
import {
  GATEWAY_LINK,
  type GatewayDelivery,
} from '@switchboard/delivery/gateway-link/gateway-link.port';
import { InProcessGatewayLink } from '@switchboard/delivery/gateway-link/in-process.gateway-link';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LinkQueuePositionNotifier } from '../src/queue/link-queue-position.notifier';
import { QueuePositionsOverLinkModule } from '../src/queue/queue-positions-over-link.module';
import { eventually } from './support/gateway.harness';
import { FAKE_HANDLERS, FakeHandlers } from './support/fake-handlers';

function row(uid: string, wsid: string, gatewayId: string, role = 'customer'): ConnectionRecord {
  return {
    uid,
    role,
    deviceId: `${wsid}-device`,
    device: 'web',
    wsid,
    clientIp: '192.0.2.1',
    serverIp: '10.0.0.1',
    gatewayId,
    channel: 'websocket',
    connectedAt: '2026-01-01T00:00:00.000Z',
  };
}

/**
 * customer-service without a gateway: the router's QUEUE_POSITION_NOTIFIER finds the waiting
 * customer's sockets in the registry and hands each gateway holding one its own deliveries.
 */
describe('Queue positions over the gateway link (QueuePositionsOverLinkModule)', () => {
  let moduleRef: TestingModule;
  let link: InProcessGatewayLink;
  let registry: InMemoryConnectionRegistry;
  const received = new Map<string, GatewayDelivery[]>();

  beforeEach(async () => {
    link = new InProcessGatewayLink();
    registry = new InMemoryConnectionRegistry();
    received.clear();
    for (const gatewayId of ['gw-a', 'gw-b', 'gw-c']) {
      received.set(gatewayId, []);
      await link.listen(
        gatewayId,
        (deliveries) => void received.get(gatewayId)!.push(...deliveries),
      );
    }

    @Global()
    @Module({
      providers: [
        { provide: CONNECTION_REGISTRY, useValue: registry },
        { provide: GATEWAY_LINK, useValue: link },
      ],
      exports: [CONNECTION_REGISTRY, GATEWAY_LINK],
    })
    class SharedDeliveryModule {}

    moduleRef = await Test.createTestingModule({
      imports: [CqrsModule.forRoot(), SharedDeliveryModule, QueuePositionsOverLinkModule],
      providers: FAKE_HANDLERS,
    }).compile();
    await moduleRef.init();
    moduleRef.get(FakeHandlers).respond('GetConsultation', (query: { consultationId: string }) => ({
      id: query.consultationId,
      customerId: query.consultationId === 'k1' ? 'cust-1' : 'cust-2',
    }));
  });

  afterEach(async () => {
    await moduleRef.close();
    await link.close();
  });

  it("delivers consultation.updated only to the gateways holding the customer's sockets", async () => {
    await registry.register(row('cust-1', 'ws-1', 'gw-a'));
    await registry.register(row('cust-1', 'ws-2', 'gw-b'));
    await registry.register(row('cust-2', 'ws-3', 'gw-b'));
    await registry.register(row('agent-1', 'ws-4', 'gw-c', 'agent'));
    const notifier = moduleRef.get(QUEUE_POSITION_NOTIFIER);
    expect(notifier).toBeInstanceOf(LinkQueuePositionNotifier);

    notifier.positionsChanged('travel', [
      { consultationId: 'k1', position: 1 },
      { consultationId: 'k2', position: 2 },
    ]);

    await eventually(() => received.get('gw-b')!.length === 2, 'both deliveries on gw-b');
    const update = (id: string, position: number) => ({
      event: 'consultation.updated',
      payload: { id, state: 'pending', queuePosition: position },
      ack: false,
    });
    expect(received.get('gw-a')).toEqual([{ wsids: ['ws-1'], ...update('k1', 1) }]);
    expect(received.get('gw-b')).toEqual(
      expect.arrayContaining([
        { wsids: ['ws-2'], ...update('k1', 1) },
        { wsids: ['ws-3'], ...update('k2', 2) },
      ]),
    );
    expect(received.get('gw-c')).toEqual([]);
  });

  it('a customer with no live socket gets nothing, and a failed lookup throws nothing', async () => {
    const notifier = moduleRef.get(LinkQueuePositionNotifier);
    await notifier.notify('travel', { consultationId: 'k1', position: 1 });
    moduleRef.get(FakeHandlers).respond('GetConsultation', () => {
      throw new Error('gone');
    });
    await registry.register(row('cust-2', 'ws-3', 'gw-b'));
    await notifier.notify('travel', { consultationId: 'k2', position: 1 });
    expect([...received.values()].flat()).toEqual([]);
  });
});
