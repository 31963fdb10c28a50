import { type Bus, type ConsumedMessage, type OutgoingMessage } from '@switchboard/bus';
import { type Envelope, sampleData, serializeEnvelope, TOPICS } from '@switchboard/contracts';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ConsultationEventsConsumer } from '../../src/application/consultation-link/consultation-events.consumer';
import { conversationStream } from '../../src/domain';
import { type Messaging, startMessaging } from './conversation.fixture';

let offset = 0;
function message(
  type: string,
  data: Record<string, unknown>,
  id = randomUUID(),
  complete = true,
): ConsumedMessage {
  const envelope: Envelope = {
    id,
    type,
    version: 1,
    streamId: `consultation-${String(data.consultationId)}`,
    revision: offset,
    position: offset + 1,
    occurredAt: '2026-12-04T10:00:00.000Z',
    correlationId: id,
    causationId: id,
    // A complete event of its contract (the consumer reads it through the registry), then the
    // fields this test is about.
    data: complete
      ? { ...sampleData<Record<string, unknown>>(TOPICS.consultationEvents, type), ...data }
      : data,
  };
  return raw(serializeEnvelope(envelope));
}
function raw(value: string): ConsumedMessage {
  return {
    topic: TOPICS.consultationEvents,
    partition: 0,
    offset: String(offset++),
    key: 'k',
    value,
    headers: {},
    timestamp: new Date(),
  };
}

describe('ConsultationEventsConsumer', () => {
  let mx: Messaging;
  let consumer: ConsultationEventsConsumer;
  const dead: OutgoingMessage[] = [];
  beforeAll(async () => {
    mx = await startMessaging();
    const bus = {
      publish: (m: OutgoingMessage | readonly OutgoingMessage[]) => {
        dead.push(...[m].flat());
        return Promise.resolve();
      },
    } as unknown as Bus;
    consumer = new ConsultationEventsConsumer(bus, mx.writer, mx.projection);
  });
  afterAll(() => mx.dispose());

  it('makes the conversation follow its consultation, idempotently per envelope', async () => {
    const consultationId = randomUUID();
    const conversationId = randomUUID();
    const at = '2026-12-04T10:00:00.000Z';
    const opened = message('ConsultationOpened', {
      consultationId,
      customerId: 'cust-1',
      domain: 'travel',
      group: null,
      subject: null,
      conversationId,
      at,
    });
    await consumer.handle(opened);
    await consumer.handle(opened); // redelivered: nothing more
    const replyId = randomUUID();
    const reply = message(
      'AutoReplyIssued',
      {
        consultationId,
        conversationId,
        kind: 'greeting',
        text: 'Welcome!',
        triggerEventId: 'x',
        at,
      },
      replyId,
    );
    await consumer.handle(reply);
    await consumer.handle(reply);
    await consumer.handle(
      message('ConsultationAssigned', { consultationId, agentId: 'agent-1', group: null, at }),
    );
    await consumer.handle(
      message('ConsultationTransferred', {
        consultationId,
        fromAgentId: 'agent-1',
        to: { agentId: 'agent-2' },
        by: 'sup',
        at,
      }),
    );
    await consumer.handle(
      message('ConsultationAssigned', { consultationId, agentId: 'agent-2', group: null, at }),
    );
    await consumer.handle(
      message('ConsultationClosed', {
        consultationId,
        by: 'agent',
        reason: 'resolved',
        agentId: 'agent-2',
        at,
      }),
    );

    const events = await mx.store.readStream(conversationStream(conversationId));
    expect(events.map((e) => e.type)).toEqual([
      'ConversationCreated',
      'MessagePosted',
      'MemberAdded',
      'MemberRemoved',
      'MemberAdded',
      'ConversationClosed',
    ]);
    expect(events[0].data).toMatchObject({
      kind: 'consultation',
      domain: 'travel',
      consultationId,
      members: [{ userId: 'cust-1', role: 'customer', memberRole: 'member' }],
    });
    expect(events[1].data).toMatchObject({
      seq: 1,
      senderId: 'system',
      senderRole: 'system',
      type: 'system',
      clientMsgId: `auto-reply:${replyId}`,
      text: 'Welcome!',
      recipients: [{ userId: 'cust-1', role: 'customer' }],
    });
    expect(events[3].data).toMatchObject({ userId: 'agent-1' });
  });

  it('parks malformed messages on the DLQ and skips events for unknown consultations', async () => {
    await expect(consumer.handle(raw('{not json'))).resolves.toBeUndefined();
    await expect(consumer.handle(raw(JSON.stringify({ id: 'x' })))).resolves.toBeUndefined();
    expect(dead.map((m) => [m.topic, m.value])).toEqual([
      ['consultation.events.v1.dlq', '{not json'],
      ['consultation.events.v1.dlq', JSON.stringify({ id: 'x' })],
    ]);
    expect(dead[0].headers?.['x-dlq-reason']).toBeTruthy();
    const before = (await mx.store.readAll()).length;
    await expect(
      consumer.handle(
        message(
          'ConsultationOpened',
          { consultationId: randomUUID(), domain: 'x' },
          undefined,
          false,
        ),
      ),
    ).resolves.toBeUndefined();
    expect((await mx.store.readAll()).length).toBe(before);
    await expect(
      consumer.handle(
        message(
          'ConsultationAssigned',
          { consultationId: randomUUID(), agentId: 'a', group: null, at: 'x' },
          undefined,
          false,
        ),
      ),
    ).resolves.toBeUndefined();
  });
});

describe('ConsultationEventsConsumer joining a bus that is not ready', () => {
  it('does not fail the start, and joins once the bus accepts', async () => {
    let refusals = 2;
    let joined = 0;
    const bus = {
      ensureTopics: () =>
        refusals-- > 0 ? Promise.reject(new Error('broker starting')) : Promise.resolve(),
      consume: () => {
        joined++;
        return Promise.resolve({ assignments: () => [], stop: () => Promise.resolve() });
      },
    } as unknown as Bus;
    const mx = await startMessaging();
    const consumer = new ConsultationEventsConsumer(bus, mx.writer, mx.projection);
    try {
      await expect(consumer.onApplicationBootstrap()).resolves.toBeUndefined();
      await vi.waitFor(() => expect(joined).toBe(1), { timeout: 5000 });
    } finally {
      await consumer.beforeApplicationShutdown();
      await mx.dispose();
    }
  });
});
