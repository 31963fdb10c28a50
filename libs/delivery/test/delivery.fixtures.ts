import { randomUUID } from 'node:crypto';
import type { Bus, ConsumedMessage } from '@switchboard/bus';
import { type Envelope, serializeEnvelope, TOPICS } from '@switchboard/contracts';
import type { MessagePostedData } from '@switchboard/contracts';
import type {
  ConnectionRecord,
  DeviceKind,
} from '@switchboard/delivery/connection-registry/connection-registry.port';
import type {
  GatewayDelivery,
  GatewayLink,
} from '@switchboard/delivery/gateway-link/gateway-link.port';

export const NOW = new Date('2026-03-01T10:00:00.000Z');

export function envelope<D>(
  type: string,
  data: D,
  streamId: string,
  at = NOW,
): Envelope<string, D> {
  const id = randomUUID();
  return {
    id,
    type,
    version: 1,
    streamId,
    revision: 0,
    position: 1,
    occurredAt: at.toISOString(),
    correlationId: id,
    causationId: id,
    data,
  };
}

export function messagePosted(overrides: Partial<MessagePostedData> = {}): MessagePostedData {
  return {
    conversationId: 'conv-1',
    messageId: randomUUID(),
    seq: 1,
    senderId: 'agent-1',
    senderRole: 'agent',
    clientMsgId: `c-${randomUUID()}`,
    type: 'text',
    text: 'Your flight is confirmed',
    attachment: null,
    internal: false,
    kind: 'consultation',
    domain: 'travel',
    consultationId: 'cons-1',
    recipients: [{ userId: 'cust-1', role: 'customer' }],
    masked: false,
    createdAt: NOW.toISOString(),
    ...overrides,
  };
}

export async function publishEnvelope(bus: Bus, topic: string, value: Envelope): Promise<void> {
  const data = value.data as { conversationId?: string; consultationId?: string };
  const key = topic === TOPICS.imMessages ? data.conversationId : data.consultationId;
  await bus.publish({ topic, key: key ?? 'k', value: serializeEnvelope(value) });
}

export function connection(
  uid: string,
  role: string,
  device: DeviceKind,
  gatewayId: string,
  wsid = `${uid}-${device}`,
): ConnectionRecord {
  return {
    uid,
    role,
    deviceId: `${uid}-${device}-device`,
    device,
    wsid,
    clientIp: '203.0.113.1',
    serverIp: '10.0.0.1',
    gatewayId,
    channel: 'websocket',
    connectedAt: NOW.toISOString(),
  };
}

/** Listens on gateways and records every batch they get. */
export class RecordingGateways {
  readonly batches: { gatewayId: string; deliveries: readonly GatewayDelivery[] }[] = [];

  static async on(link: GatewayLink, ...gatewayIds: string[]): Promise<RecordingGateways> {
    const recorder = new RecordingGateways();
    for (const gatewayId of gatewayIds) {
      await link.listen(gatewayId, (deliveries) => {
        recorder.batches.push({ gatewayId, deliveries });
      });
    }
    return recorder;
  }

  /** Every (wsid, event) received, one entry per socket and delivery. */
  received(event?: string): { wsid: string; event: string; payload: unknown; ack: boolean }[] {
    return this.batches.flatMap(({ deliveries }) =>
      deliveries
        .filter((delivery) => event === undefined || delivery.event === event)
        .flatMap((delivery) =>
          delivery.wsids.map((wsid) => ({
            wsid,
            event: delivery.event,
            payload: delivery.payload,
            ack: delivery.ack,
          })),
        ),
    );
  }

  wsids(event?: string): string[] {
    return this.received(event)
      .map((entry) => entry.wsid)
      .sort();
  }
}

export async function waitFor(check: () => boolean, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Collects what a topic carries, with its own consumer group. */
export async function collect(bus: Bus, topic: string): Promise<ConsumedMessage[]> {
  const got: ConsumedMessage[] = [];
  await bus.consume({ groupId: `collect-${randomUUID()}`, topics: [topic] }, (message) => {
    got.push(message);
    return Promise.resolve();
  });
  return got;
}
