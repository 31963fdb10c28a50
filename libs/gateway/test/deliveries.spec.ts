import { QUEUE_POSITION_NOTIFIER } from '@switchboard/consultation/application/routing/queue-position.notifier';
import { type Socket as ClientSocket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { AckedEmitter } from '../src/delivery/acked-emitter';
import { GatewayQueuePositionNotifier } from '../src/queue/gateway-queue-position.notifier';
import { CONVERSATION_ID } from './support/fake-handlers';
import {
  AGENT,
  CUSTOMER,
  eventually,
  type GatewayHarness,
  GATEWAY_ID,
  request,
  startGateway,
} from './support/gateway.harness';

const message = (seq: number) => ({
  id: `m-${seq}`,
  conversationId: CONVERSATION_ID,
  seq,
  senderId: 'agent-1',
  senderRole: 'agent',
  type: 'text',
  text: `hello ${seq}`,
  createdAt: '2026-01-01T00:00:00.000Z',
});

async function retriesCounted(gateway: GatewayHarness): Promise<number> {
  const metric = await gateway.metrics
    .getSingleMetric('switchboard_gateway_delivery_retries_total')
    ?.get();
  return metric?.values.reduce((sum, value) => sum + value.value, 0) ?? 0;
}

describe('SwitchboardGateway deliveries', () => {
  let gateway: GatewayHarness;

  afterEach(async () => {
    await gateway.close();
  });

  it('re-sends message.new until the client acks: two ignored, the third acked', async () => {
    gateway = await startGateway({ ackTimeoutMs: 30, ackMaxBackoffMs: 100 });
    const client = await gateway.connect(CUSTOMER);
    const attempts: unknown[] = [];
    client.on('message.new', (payload: unknown, ack: () => void) => {
      attempts.push(payload);
      if (attempts.length === 3) ack();
    });
    await gateway.link.deliver(GATEWAY_ID, [
      { wsids: [client.id!], event: 'message.new', payload: message(1), ack: true },
    ]);
    const emitter = gateway.app.get(AckedEmitter);
    await eventually(() => attempts.length === 3 && emitter.pendingCount(client.id!) === 0);
    // Acked: no fourth attempt however long we wait for one.
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(attempts).toEqual([message(1), message(1), message(1)]);
    expect(await retriesCounted(gateway)).toBe(2);
  });

  it('stops retrying once the socket is gone', async () => {
    gateway = await startGateway({ ackTimeoutMs: 30, ackMaxBackoffMs: 60 });
    const client = await gateway.connect(CUSTOMER);
    const wsid = client.id!;
    let attempts = 0;
    client.on('message.new', () => void (attempts += 1));
    await gateway.link.deliver(GATEWAY_ID, [
      { wsids: [wsid], event: 'message.new', payload: message(2), ack: true },
    ]);
    await eventually(() => attempts >= 2, 'a retry');
    client.disconnect();
    const emitter = gateway.app.get(AckedEmitter);
    await eventually(() => emitter.pendingCount(wsid) === 0, 'pending acks cleared');
    const retriesAtDisconnect = await retriesCounted(gateway);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await retriesCounted(gateway)).toBeLessThanOrEqual(retriesAtDisconnect + 1);
    expect(emitter.pendingCount(wsid)).toBe(0);
  });

  it('emits events without ack once, only to the named sockets of this gateway', async () => {
    gateway = await startGateway();
    const named = await gateway.connect(CUSTOMER, { deviceId: 'a' });
    const other = await gateway.connect(AGENT, { deviceId: 'b' });
    const got: string[] = [];
    named.on('typing', () => got.push('named'));
    other.on('typing', () => got.push('other'));
    const payload = { conversationId: CONVERSATION_ID, userId: 'agent-1', typing: true };
    await gateway.link.deliver(GATEWAY_ID, [
      { wsids: [named.id!, 'gone-socket'], event: 'typing', payload, ack: false },
    ]);
    await request(named, 'conversation.read', { conversationId: CONVERSATION_ID, seq: 0 });
    await request(other, 'conversation.read', { conversationId: CONVERSATION_ID, seq: 0 });
    expect(got).toEqual(['named']);
  });
});

describe('SwitchboardGateway over long-polling', () => {
  let gateway: GatewayHarness;

  afterEach(async () => {
    await gateway.close();
  });

  it('sends with an ack and receives message.new with ack and retry', async () => {
    gateway = await startGateway({ ackTimeoutMs: 50, ackMaxBackoffMs: 200 });
    const client: ClientSocket = await gateway.connect(CUSTOMER, {
      transports: ['polling'],
      upgrade: false,
    });
    await eventually(() => gateway.registry.rows.get(client.id!)?.channel === 'polling');
    const sent = await request(client, 'message.send', {
      conversationId: CONVERSATION_ID,
      clientMsgId: 'poll-1',
      type: 'text',
      text: 'over polling',
    });
    expect(sent).toMatchObject({ ok: true, message: { id: 'm-poll-1', text: 'over polling' } });

    const attempts: unknown[] = [];
    client.on('message.new', (payload: unknown, ack: () => void) => {
      attempts.push(payload);
      if (attempts.length === 2) ack();
    });
    await gateway.link.deliver(GATEWAY_ID, [
      { wsids: [client.id!], event: 'message.new', payload: message(3), ack: true },
    ]);
    const emitter = gateway.app.get(AckedEmitter);
    await eventually(() => attempts.length === 2 && emitter.pendingCount(client.id!) === 0);
    expect(attempts).toEqual([message(3), message(3)]);
    expect(client.io.engine.transport.name).toBe('polling');
  });
});

describe('Presence and queue positions', () => {
  let gateway: GatewayHarness;

  afterEach(async () => {
    await gateway.close();
  });

  it("tells only the customer's agents when the first socket comes and the last one goes", async () => {
    gateway = await startGateway();
    gateway.handlers.respond('ListConsultations', () => ({
      items: [
        { id: 'k1', customerId: 'cust-1', state: 'assigned', agentId: 'agent-1' },
        { id: 'k2', customerId: 'cust-1', state: 'resolved', agentId: 'agent-2' },
        { id: 'k3', customerId: 'cust-1', state: 'closed', agentId: 'agent-3' },
        { id: 'k4', customerId: 'cust-1', state: 'pending', agentId: null },
        { id: 'k5', customerId: 'cust-9', state: 'assigned', agentId: 'agent-9' },
      ],
      nextCursor: null,
    }));
    const agent = await gateway.connect(AGENT, { deviceId: 'desk' });
    const first = await gateway.connect(CUSTOMER, { deviceId: 'phone' });
    const second = await gateway.connect(CUSTOMER, { deviceId: 'laptop' });
    await gateway.fanOut.waitFor((call) => call.event === 'presence');
    const presenceCalls = () => gateway.fanOut.calls.filter((call) => call.event === 'presence');
    expect(presenceCalls()).toEqual([
      {
        audience: [
          { userId: 'agent-1', role: 'agent' },
          { userId: 'agent-2', role: 'agent' },
        ],
        event: 'presence',
        payload: { userId: 'cust-1', online: true },
      },
    ]);
    first.disconnect();
    await eventually(() => gateway.registry.rows.size === 2, 'first socket gone');
    expect(presenceCalls()).toHaveLength(1);
    second.disconnect();
    await eventually(() => presenceCalls().length === 2, 'offline presence');
    expect(presenceCalls()[1].payload).toEqual({ userId: 'cust-1', online: false });
    expect(presenceCalls()[1].audience.map((member) => member.userId)).toEqual([
      'agent-1',
      'agent-2',
    ]);
    const lookup = gateway.handlers.of<{ filter: unknown }>('ListConsultations')[0];
    expect(lookup.filter).toEqual({ customerId: 'cust-1', limit: 200 });
    // Agents' own sockets never announce presence.
    expect(agent.connected).toBe(true);
  });

  it('sends consultation.updated with the queue position to each waiting customer', async () => {
    gateway = await startGateway();
    gateway.handlers.respond('GetConsultation', (query: { consultationId: string }) => ({
      id: query.consultationId,
      customerId: query.consultationId === 'k1' ? 'cust-1' : 'cust-2',
    }));
    // The consultation runtime finds it under its port's token.
    const notifier = gateway.app.get<GatewayQueuePositionNotifier>(QUEUE_POSITION_NOTIFIER);
    expect(notifier).toBeInstanceOf(GatewayQueuePositionNotifier);
    notifier.positionsChanged('travel', [
      { consultationId: 'k1', position: 1 },
      { consultationId: 'k2', position: 2 },
    ]);
    await eventually(() => gateway.fanOut.calls.length === 2, 'two notifications');
    expect(gateway.fanOut.calls).toEqual(
      expect.arrayContaining([
        {
          audience: [{ userId: 'cust-1', role: 'customer' }],
          event: 'consultation.updated',
          payload: { id: 'k1', state: 'pending', queuePosition: 1 },
        },
        {
          audience: [{ userId: 'cust-2', role: 'customer' }],
          event: 'consultation.updated',
          payload: { id: 'k2', state: 'pending', queuePosition: 2 },
        },
      ]),
    );
    // The customer of a consultation is looked up once.
    await notifier.notify('travel', { consultationId: 'k1', position: 3 });
    expect(gateway.handlers.of('GetConsultation')).toHaveLength(2);
  });

  it('a failing lookup sends nothing and throws nothing', async () => {
    gateway = await startGateway();
    gateway.handlers.respond('GetConsultation', () => {
      throw new Error('gone');
    });
    const notifier = gateway.app.get(GatewayQueuePositionNotifier);
    expect(() =>
      notifier.positionsChanged('q', [{ consultationId: 'x', position: 1 }]),
    ).not.toThrow();
    await notifier.notify('q', { consultationId: 'x', position: 1 });
    expect(gateway.fanOut.calls).toEqual([]);
  });
});
