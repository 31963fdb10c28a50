import { InMemoryBus, silentBusLogger } from '@switchboard/bus';
import { dlqTopic, type Envelope, type MessagePostedData, TOPICS } from '@switchboard/contracts';
import { SqliteEventStore } from '@switchboard/event-store';
import { FixedClock } from '@switchboard/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { consultationStream } from '../../domain';
import { autoReplyStream } from '../../domain/service-hours';
import { MessageTextLog } from '../quality/message-text.log';
import { DLQ_REASON_HEADER, ImMessagesConsumer } from './im-messages.consumer';
import { MessagePostedReactor } from './message-posted.reactor';
import {
  acceptedConsultation,
  consultationCommand,
  envelopeOf,
  posted,
  publish,
  until,
} from './test/im-messages.fixtures';
import { decider } from './test/im-messages.fixtures';

/** Answers only texts that mention a refund, as a FAQ above its threshold would. */
const faq = {
  answerFor: (domain: string, text: string) =>
    domain === 'travel' && /refund/i.test(text) ? { answer: 'Refunds take 5 days.' } : null,
};

describe('im.messages.v1 consumer of the consultation context', () => {
  let store: SqliteEventStore;
  let bus: InMemoryBus;
  let texts: MessageTextLog;
  let consumer: ImMessagesConsumer;
  let handled: number;

  beforeEach(async () => {
    store = await SqliteEventStore.open({ filename: ':memory:' });
    bus = new InMemoryBus({ logger: silentBusLogger, redeliveryBackoffMs: 5 });
    texts = new MessageTextLog();
    handled = 0;
    const clock = new FixedClock('2026-03-02T09:05:00.000Z');
    const reactor = new MessagePostedReactor({ store, clock, decider, faq });
    consumer = new ImMessagesConsumer({
      bus,
      texts,
      reactor: {
        react: async (envelope, message) => {
          await reactor.react(envelope, message);
          handled++;
        },
      },
    });
    await consumer.start();
  });
  afterEach(async () => {
    await consumer.stop();
    await bus.close();
    await store.close();
  });

  const send = async (...envelopes: Envelope[]) => {
    const target = handled + envelopes.length;
    for (const envelope of envelopes) await publish(bus, envelope);
    await until(() => handled >= target, `${target} messages handled`);
  };
  const types = async (stream: string) => (await store.readStream(stream)).map((e) => e.type);
  const replies = async (id: string) =>
    (await store.readStream(autoReplyStream(id))).map((e) => e.data as Record<string, unknown>);
  const state = async (id: string) =>
    (await store.readStream(consultationStream(id))).reduce(
      (s, e) => decider.evolve(s, { type: e.type, version: 1, data: e.data } as never),
      decider.initialState,
    );

  it('first customer message: customer activity and an FAQ answer, once under redelivery', async () => {
    await acceptedConsultation(store, 'c1');
    const first = envelopeOf(posted('c1', 2, { text: 'How do I get a refund?' }));
    await send(first, first);
    expect(await replies('c1')).toEqual([
      expect.objectContaining({
        consultationId: 'c1',
        conversationId: 'conv-c1',
        kind: 'faq_answer',
        text: 'Refunds take 5 days.',
        triggerEventId: first.id,
      }),
    ]);
    expect((await types(consultationStream('c1'))).filter((t) => t.includes('Activity'))).toEqual([
      'ConsultationActivityRecorded',
    ]);

    // A later customer message never gets an automatic answer, however well it matches.
    const later = posted('c1', 3, { text: 'refund refund', createdAt: '2026-03-02T09:02:00Z' });
    await send(envelopeOf(later));
    expect(await replies('c1')).toHaveLength(1);
    expect((await state('c1')) as { lastCustomerActivityAt: string }).toMatchObject({
      lastCustomerActivityAt: '2026-03-02T09:02:00.000Z',
    });
  });

  it('a first message the FAQ is not sure about gets no answer', async () => {
    await acceptedConsultation(store, 'c2');
    await send(envelopeOf(posted('c2', 1, { text: 'my seat is broken' })));
    expect(await replies('c2')).toEqual([]);
  });

  it('agent message: first response recorded; internal notes and system messages are not activity', async () => {
    await acceptedConsultation(store, 'c3');
    const agent = { senderId: 'ada', senderRole: 'agent' as const };
    await send(
      envelopeOf(posted('c3', 1, { type: 'system', senderRole: 'system', text: 'Hi' })),
      envelopeOf(
        posted('c3', 2, {
          ...agent,
          internal: true,
          text: 'vip',
          createdAt: '2026-03-02T09:00:30Z',
        }),
      ),
    );
    expect(await state('c3')).toMatchObject({ firstAgentActivityAt: null });
    await send(envelopeOf(posted('c3', 3, { ...agent, text: 'How can I help?' })));
    expect(await state('c3')).toMatchObject({ firstAgentActivityAt: '2026-03-02T09:01:00.000Z' });
    expect(await texts.textsOf('conv-c3')).toEqual(['How can I help?']);
  });

  it('a customer message reopens a resolved consultation within the window, not after it', async () => {
    for (const id of ['c4', 'c5']) {
      await acceptedConsultation(store, id);
      await consultationCommand(
        store,
        id,
        { type: 'resolve', data: { by: 'ada' } },
        '2026-03-02T09:00:10Z',
      );
    }
    const inWindow = posted('c4', 4, { createdAt: '2026-03-02T09:10:00Z' });
    const late = posted('c5', 4, { createdAt: '2026-03-02T10:00:00Z' });
    await send(envelopeOf(inWindow), envelopeOf(late));
    expect(await state('c4')).toMatchObject({ status: 'pending', lastAgentId: 'ada' });
    expect(await types(consultationStream('c4'))).toContain('ConsultationReopened');
    expect(await state('c5')).toMatchObject({ status: 'resolved' });
  });

  it('malformed messages go to the DLQ with a reason and the next message is still handled', async () => {
    const dead: { key: string; reason: string | undefined }[] = [];
    await bus.consume(
      { groupId: 'dlq-reader', topics: [dlqTopic(TOPICS.imMessages)] },
      async (m) => {
        dead.push({ key: m.key, reason: m.headers[DLQ_REASON_HEADER] });
      },
    );
    await acceptedConsultation(store, 'c6');
    await bus.publish({ topic: TOPICS.imMessages, key: 'conv-c6', value: '{not json' });
    const valid = envelopeOf(posted('c6', 1));
    const broken = { ...valid, data: { ...(valid.data as MessagePostedData), seq: 0 } };
    await publish(bus, broken);
    await send(envelopeOf(posted('c6', 2, { text: 'refund please' })));
    await until(() => dead.length === 2, 'two dead letters');
    expect(dead.map((d) => d.key)).toEqual(['conv-c6', 'conv-c6']);
    expect(dead[1].reason).toContain('seq');
    expect(await replies('c6')).toHaveLength(1);
  });

  it('messages outside consultations change nothing', async () => {
    const direct = posted('x', 1, { consultationId: null, kind: 'direct' });
    await send(envelopeOf(direct));
    const [head] = await store.readAll({ direction: 'backwards', maxCount: 1 });
    expect(head).toBeUndefined();
    expect(await texts.textsOf(direct.conversationId)).toBeNull();
  });
});

describe('im.messages.v1 consumer joining a bus that is not ready', () => {
  it('does not throw from start, and joins once the bus accepts', async () => {
    const store = await SqliteEventStore.open({ filename: ':memory:' });
    const real = new InMemoryBus({ logger: silentBusLogger });
    let refusals = 2;
    const flaky = Object.assign(Object.create(real) as InMemoryBus, {
      ensureTopics: (topics: readonly string[]) =>
        refusals-- > 0 ? Promise.reject(new Error('broker starting')) : real.ensureTopics(topics),
    });
    const texts = new MessageTextLog();
    const clock = new FixedClock('2026-03-02T09:05:00.000Z');
    const reactor = new MessagePostedReactor({ store, clock, decider, faq });
    const consumer = new ImMessagesConsumer({ bus: flaky, texts, reactor, retryDelayMs: 5 });
    try {
      await consumer.start();
      await publish(real, envelopeOf(posted('j1', 1, { senderRole: 'agent', text: 'hi' })));
      await until(async () => (await texts.textsOf('conv-j1')) !== null, 'the consumer to join');
      expect(refusals).toBeLessThan(0);
    } finally {
      await consumer.stop();
      await real.close();
      await store.close();
    }
  });
});
