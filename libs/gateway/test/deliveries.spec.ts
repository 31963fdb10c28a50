import { type Socket as ClientSocket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { AckedEmitter } from '../src/delivery/acked-emitter';
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
