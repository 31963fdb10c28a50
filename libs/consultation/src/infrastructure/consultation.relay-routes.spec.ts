import { InMemoryBus, silentBusLogger } from '@switchboard/bus';
import { type Envelope, parseEnvelope, TOPICS } from '@switchboard/contracts';
import { handleCommand } from '@switchboard/es-core';
import { SqliteEventStore } from '@switchboard/event-store';
import { InMemoryCheckpointStore, Relay, silentRelayLogger } from '@switchboard/relay';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { autoReplyDecider, autoReplyStream } from '../domain/service-hours';
import { autoReplyMessage, CONSULTATION_RELAY_ROUTES } from './consultation.relay-routes';

describe('consultation relay routes', () => {
  let store: SqliteEventStore;
  let bus: InMemoryBus;
  let relay: Relay;

  beforeEach(async () => {
    store = await SqliteEventStore.open({ filename: ':memory:' });
    bus = new InMemoryBus({ logger: silentBusLogger });
    relay = new Relay({
      name: 'relay',
      store,
      bus,
      checkpoints: new InMemoryCheckpointStore(),
      routes: CONSULTATION_RELAY_ROUTES,
      lingerMs: 0,
      logger: silentRelayLogger,
    });
  });
  afterEach(async () => {
    await relay.stop();
    await bus.close();
    await store.close();
  });

  const issue = (consultationId: string, triggerEventId: string) =>
    handleCommand(store, autoReplyStream(consultationId), autoReplyDecider, {
      type: 'issueAutoReply',
      data: {
        consultationId,
        conversationId: `conv-${consultationId}`,
        kind: 'greeting',
        text: 'Hello!',
        triggerEventId,
      },
      metadata: { commandId: `reply-${triggerEventId}`, now: new Date('2026-03-02T09:00:00Z') },
    });

  it('publishes AutoReplyIssued on consultation.events.v1 keyed by the consultation id', async () => {
    const received: { key: string; envelope: Envelope }[] = [];
    await bus.consume({ groupId: 'test', topics: [TOPICS.consultationEvents] }, async (message) => {
      received.push({ key: message.key, envelope: parseEnvelope(message.value) });
    });
    await store.appendToStream('consultation-c-1', [
      {
        id: '9b0f4a52-0c55-4f2e-8b52-2d9c4f1b7a01',
        type: 'ConsultationOpened',
        data: {
          consultationId: 'c-1',
          customerId: 'u-1',
          domain: 'travel',
          group: null,
          subject: null,
          context: {},
          conversationId: 'conv-c-1',
          at: '2026-01-01T00:00:00.000Z',
        },
      },
    ]);
    await issue('c-1', 'trigger-1');
    await issue('c-1', 'trigger-1'); // a redelivered trigger appends (and publishes) nothing
    await relay.start();
    for (let i = 0; i < 200 && received.length < 2; i++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(received.map((r) => [r.key, r.envelope.type])).toEqual([
      ['c-1', 'ConsultationOpened'],
      ['c-1', 'AutoReplyIssued'],
    ]);
    expect(received[1].envelope).toMatchObject({
      streamId: 'auto-reply-c-1',
      data: { consultationId: 'c-1', conversationId: 'conv-c-1', kind: 'greeting', text: 'Hello!' },
    });
  });

  it('leaves an auto-reply event without a consultation id out of the topic', () => {
    const event = {
      id: 'e',
      streamId: 'auto-reply-x',
      type: 'AutoReplyIssued',
      revision: 0,
      position: 1,
      data: { text: 'no id' },
      metadata: {},
      recordedAt: new Date(0),
    };
    expect(autoReplyMessage(event)).toBeNull();
    expect(autoReplyMessage({ ...event, data: { consultationId: 'x' } })?.key).toBe('x');
  });
});
