import { InMemoryBus, silentBusLogger } from '@switchboard/bus';
import { dlqTopic, parseEnvelope, TOPICS } from '@switchboard/contracts';
import type { PushRequestedData } from '@switchboard/contracts/push-requests.contract';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  collect,
  connection,
  envelope,
  messagePosted,
  NOW,
  publishEnvelope,
  RecordingGateways,
  waitFor,
} from '../../test/delivery.fixtures';
import { InMemoryConnectionRegistry } from '../connection-registry/in-memory.connection-registry';
import { DeliveryService } from '../fan-out/delivery.service';
import { InProcessGatewayLink } from '../gateway-link/in-process.gateway-link';
import { Dispatcher } from './dispatcher';

const quiet = { warn: () => undefined, error: () => undefined };

describe('Dispatcher', () => {
  let bus: InMemoryBus;
  let registry: InMemoryConnectionRegistry;
  let link: InProcessGatewayLink;
  let dispatcher: Dispatcher;
  let gateways: RecordingGateways;
  let now: Date;

  const processed = (): number =>
    dispatcher.counters.handled + dispatcher.counters.duplicates + dispatcher.counters.deadLettered;

  beforeEach(async () => {
    now = NOW;
    bus = new InMemoryBus({ partitions: 3, logger: silentBusLogger, redeliveryBackoffMs: 5 });
    registry = new InMemoryConnectionRegistry({ now: () => now.getTime() });
    link = new InProcessGatewayLink(quiet);
    gateways = await RecordingGateways.on(link, 'gw-1', 'gw-2');
    const delivery = new DeliveryService(registry, link, { mutedSystemPushDomains: ['shop'] });
    dispatcher = new Dispatcher({ bus, delivery, clock: { now: () => now }, logger: quiet });
    await dispatcher.start();
  });

  afterEach(async () => {
    await dispatcher.stop();
    await bus.close();
    await link.close();
    await registry.close();
  });

  async function post(data = messagePosted()): Promise<void> {
    const before = processed();
    await publishEnvelope(
      bus,
      TOPICS.imMessages,
      envelope('MessagePosted', data, 'conversation-conv-1'),
    );
    await waitFor(() => processed() > before);
  }

  it('delivers a message once to each device of each recipient, one batch per gateway', async () => {
    await registry.register(connection('cust-1', 'customer', 'web', 'gw-1'));
    await registry.register(connection('cust-1', 'customer', 'ios', 'gw-2'));
    await registry.register(connection('agent-2', 'agent', 'desktop', 'gw-1'));
    const data = messagePosted({
      recipients: [
        { userId: 'cust-1', role: 'customer' },
        { userId: 'agent-2', role: 'agent' },
      ],
    });
    await post(data);
    await waitFor(() => gateways.batches.length === 2);
    expect(gateways.wsids('message.new')).toEqual(['agent-2-desktop', 'cust-1-ios', 'cust-1-web']);
    expect(gateways.batches.map((batch) => batch.gatewayId).sort()).toEqual(['gw-1', 'gw-2']);
    expect(gateways.received()[0]).toMatchObject({ ack: true });
    expect(gateways.received()[0].payload).toEqual({
      id: data.messageId,
      conversationId: 'conv-1',
      seq: 1,
      senderId: 'agent-1',
      senderRole: 'agent',
      clientMsgId: data.clientMsgId,
      type: 'text',
      text: 'Your flight is confirmed',
      internal: false,
      createdAt: NOW.toISOString(),
    });
  });

  it('an internal note reaches staff only and is never pushed', async () => {
    const pushes = await collect(bus, TOPICS.pushRequests);
    await registry.register(connection('cust-1', 'customer', 'web', 'gw-1'));
    await registry.register(connection('agent-2', 'agent', 'desktop', 'gw-2'));
    await post(
      messagePosted({
        internal: true,
        recipients: [
          { userId: 'cust-1', role: 'customer' },
          { userId: 'agent-2', role: 'agent' },
          { userId: 'cust-offline', role: 'customer' },
        ],
      }),
    );
    await waitFor(() => gateways.batches.length === 1);
    expect(gateways.wsids()).toEqual(['agent-2-desktop']);
    expect((gateways.received()[0].payload as { internal: boolean }).internal).toBe(true);
    expect(pushes).toEqual([]);
  });

  it("the sender's other devices get what the first one sent", async () => {
    await registry.register(connection('cust-1', 'customer', 'web', 'gw-1'));
    await registry.register(connection('cust-1', 'customer', 'android', 'gw-2'));
    await registry.register(connection('agent-1', 'agent', 'desktop', 'gw-1'));
    await post(
      messagePosted({
        senderId: 'cust-1',
        senderRole: 'customer',
        recipients: [{ userId: 'agent-1', role: 'agent' }],
      }),
    );
    await waitFor(() => gateways.received().length === 3);
    expect(gateways.wsids()).toEqual(['agent-1-desktop', 'cust-1-android', 'cust-1-web']);
  });

  it('a redelivered envelope is not delivered twice', async () => {
    await registry.register(connection('cust-1', 'customer', 'web', 'gw-1'));
    const event = envelope('MessagePosted', messagePosted(), 'conversation-conv-1');
    await publishEnvelope(bus, TOPICS.imMessages, event);
    await publishEnvelope(bus, TOPICS.imMessages, event);
    await waitFor(() => processed() === 2);
    expect(dispatcher.counters.duplicates).toBe(1);
    expect(gateways.wsids()).toEqual(['cust-1-web']);
  });

  it('sends a malformed message to the DLQ and handles the next one', async () => {
    const dead = await collect(bus, dlqTopic(TOPICS.imMessages));
    await registry.register(connection('cust-1', 'customer', 'web', 'gw-1'));
    await bus.publish({ topic: TOPICS.imMessages, key: 'conv-1', value: '{not json' });
    const broken = envelope('MessagePosted', messagePosted({ recipients: 'x' as never }), 's');
    await publishEnvelope(bus, TOPICS.imMessages, broken);
    await post();
    await waitFor(() => dead.length === 2 && gateways.batches.length === 1);
    expect(dead.map((message) => message.value)[0]).toBe('{not json');
    expect(dead[1].headers['x-dlq-reason']).toMatch(/recipients/);
    expect(gateways.wsids()).toEqual(['cust-1-web']);
    expect(dispatcher.counters.deadLettered).toBe(2);
  });

  it('an offline customer gets exactly one push request; an offline agent none', async () => {
    const pushes = await collect(bus, TOPICS.pushRequests);
    const long = 'x'.repeat(300);
    const data = messagePosted({
      text: long,
      recipients: [
        { userId: 'cust-1', role: 'customer' },
        { userId: 'agent-9', role: 'agent' },
      ],
    });
    const event = envelope('MessagePosted', data, 'conversation-conv-1');
    await publishEnvelope(bus, TOPICS.imMessages, event);
    await publishEnvelope(bus, TOPICS.imMessages, event);
    await waitFor(() => processed() === 2 && pushes.length === 1);
    const push = parseEnvelope(pushes[0].value, TOPICS.pushRequests);
    const request = push.data as PushRequestedData;
    expect(pushes[0].key).toBe('cust-1');
    expect(push.id).toBe(request.pushId);
    expect(push.causationId).toBe(event.id);
    expect(request).toMatchObject({
      userId: 'cust-1',
      conversationId: 'conv-1',
      messageId: data.messageId,
      domain: 'travel',
      at: NOW.toISOString(),
    });
    expect([...(request.body ?? '')]).toHaveLength(120);
  });

  it('pushes nothing for an event older than the push window, but still delivers live', async () => {
    const pushes = await collect(bus, TOPICS.pushRequests);
    now = new Date(NOW.getTime() + 60 * 60 * 1000);
    await registry.register(connection('cust-2', 'customer', 'web', 'gw-1'));
    await post(
      messagePosted({
        recipients: [
          { userId: 'cust-1', role: 'customer' },
          { userId: 'cust-2', role: 'customer' },
        ],
      }),
    );
    await waitFor(() => gateways.batches.length === 1);
    expect(dispatcher.counters.stalePushesSkipped).toBe(1);
    expect(pushes).toEqual([]);
  });

  it("a read cursor reaches the others and the reader's other devices, not the reading one", async () => {
    await registry.register(connection('cust-1', 'customer', 'web', 'gw-1'));
    await registry.register(connection('cust-1', 'customer', 'ios', 'gw-2'));
    await registry.register(connection('agent-1', 'agent', 'desktop', 'gw-1'));
    const data = {
      conversationId: 'conv-1',
      userId: 'cust-1',
      deviceId: 'cust-1-web-device',
      seq: 4,
      recipients: [
        { userId: 'cust-1', role: 'customer' },
        { userId: 'agent-1', role: 'agent' },
      ],
      at: NOW.toISOString(),
    };
    await publishEnvelope(bus, TOPICS.imMessages, envelope('ReadCursorMoved', data, 's'));
    await waitFor(() => gateways.received().length === 2);
    expect(gateways.wsids('read')).toEqual(['agent-1-desktop', 'cust-1-ios']);
    expect(gateways.received()[0]).toMatchObject({
      ack: false,
      payload: {
        conversationId: 'conv-1',
        userId: 'cust-1',
        deviceId: 'cust-1-web-device',
        seq: 4,
      },
    });
  });
});
