import { ContractRegistry, dlqTopic, TOPICS } from '@switchboard/contracts';
import type { EventStore, Subscription } from '@switchboard/event-store';
import { describe, expect, it } from 'vitest';
import {
  appendBatch,
  appendEach,
  eventually,
  range,
  revisionsByKey,
  useRelayHarness,
} from '../test/relay.fixtures';
import { envelopeMessage } from './relay-message.mapper';
import { RELAY_ERROR_HEADER } from './relay.router';

describe('Relay routes, dead letters and resilience', () => {
  const h = useRelayHarness({
    routes: [{ streamPrefix: 'consultation-', topic: TOPICS.consultationEvents }],
  });

  it('leaves out events a route maps to null, and still moves the checkpoint past them', async () => {
    const relayed = h.relay({
      routes: [
        {
          streamPrefix: 'consultation-',
          topic: TOPICS.consultationEvents,
          toMessage: (event) =>
            (event.data as { n: number }).n % 2 === 0 ? envelopeMessage(event) : null,
        },
      ],
    });
    await relayed.start();
    const last = await appendEach(h.store, 'consultation-odd', 7);
    await eventually(() => relayed.stats.checkpoint === last, 'checkpoint at the last event');
    expect(h.bus.envelopes().map((e) => e.revision)).toEqual([0, 2, 4, 6]);
  });

  it('publishes every message a mapping gives for one event, in order; a bad one alone is dead-lettered', async () => {
    const relayed = h.relay({
      contracts: false,
      routes: [
        {
          streamPrefix: 'consultation-',
          topic: TOPICS.consultationEvents,
          toMessage: (event) => [
            envelopeMessage(event),
            // Revision 1's second message has headers the bus refuses.
            event.revision === 1
              ? { ...envelopeMessage(event, { type: 'Echo' }), headers: { bad: 1 as never } }
              : envelopeMessage(event, { type: 'Echo', id: `${event.id.slice(0, -1)}f` }),
          ],
        },
      ],
    });
    await relayed.start();
    const last = await appendEach(h.store, 'consultation-two', 3);
    await eventually(() => relayed.stats.checkpoint === last, 'checkpoint at the last event');
    const published = h.bus.envelopes(TOPICS.consultationEvents);
    expect(published.map((e) => [e.revision, e.type])).toEqual([
      [0, 'Happened'],
      [0, 'Echo'],
      [1, 'Happened'],
      [2, 'Happened'],
      [2, 'Echo'],
    ]);
    const dlq = h.bus.published.filter((m) => m.topic === dlqTopic(TOPICS.consultationEvents));
    expect(dlq).toHaveLength(1);
  });

  it('publishes an event to every route whose prefix matches', async () => {
    await h
      .relay({
        // Routing only: the fake PushRequested has no recipient data its contract would accept.
        contracts: false,
        routes: [
          { streamPrefix: 'conversation-', topic: TOPICS.imMessages },
          {
            streamPrefix: 'conversation-',
            topic: TOPICS.pushRequests,
            toMessage: (event) => envelopeMessage(event, { type: 'PushRequested', key: 'user-1' }),
          },
        ],
      })
      .start();
    await appendEach(h.store, 'conversation-c1', 3);
    await eventually(() => h.bus.published.length === 6, 'six messages');
    expect(h.bus.envelopes(TOPICS.imMessages).map((e) => e.type)).toEqual(
      Array(3).fill('Happened'),
    );
    expect(
      h.bus.published.filter((m) => m.topic === TOPICS.pushRequests).map((m) => m.key),
    ).toEqual(Array(3).fill('user-1'));
  });

  it('dead-letters an event whose mapping throws, and goes on with the next ones', async () => {
    const relayed = h.relay({
      routes: [
        {
          streamPrefix: 'consultation-',
          topic: TOPICS.consultationEvents,
          toMessage: (event) => {
            if (event.revision === 1) throw new Error('no public shape');
            return envelopeMessage(event);
          },
        },
      ],
    });
    await relayed.start();
    await appendEach(h.store, 'consultation-poison', 3);
    await eventually(() => h.bus.published.length === 3, 'three messages');
    const dlq = h.bus.published.filter((m) => m.topic === dlqTopic(TOPICS.consultationEvents));
    expect(dlq).toHaveLength(1);
    expect(dlq[0]!.headers?.[RELAY_ERROR_HEADER]).toMatch(/mapping failed: no public shape/);
    expect(revisionsByKey(h.bus.envelopes(TOPICS.consultationEvents))).toEqual(
      new Map([['consultation-poison', [0, 2]]]),
    );
    expect(relayed.stats.deadLettered).toBe(1);
  });

  it('dead-letters a message that breaks its registered contract', async () => {
    const contracts = new ContractRegistry();
    contracts.register({
      topic: TOPICS.consultationEvents,
      type: 'Happened',
      version: 1,
      dataSchema: { type: 'object', properties: { n: { type: 'integer', maximum: 1 } } },
    });
    await h.relay({ contracts }).start();
    await appendEach(h.store, 'consultation-checked', 3);
    await eventually(() => h.bus.published.length === 3, 'three messages');
    const [dead] = h.bus.published.filter((m) => m.topic.endsWith('.dlq'));
    expect(dead!.headers?.[RELAY_ERROR_HEADER]).toMatch(/\/data\/n must be <= 1/);
    expect(JSON.parse(dead!.value)).toMatchObject({ revision: 2, data: { n: 2 } });
  });

  it('dead-letters a message the h.bus would refuse instead of failing its batch forever', async () => {
    await h
      .relay({
        routes: [
          {
            streamPrefix: 'consultation-',
            topic: TOPICS.consultationEvents,
            toMessage: (event) => ({
              ...envelopeMessage(event),
              headers: { bad: 1 as unknown as string },
            }),
          },
        ],
      })
      .start();
    await appendEach(h.store, 'consultation-headers', 2);
    await eventually(() => h.bus.published.length === 2, 'two dead letters');
    expect(h.bus.published.every((m) => m.topic.endsWith('.dlq'))).toBe(true);
  });

  it('makes the subscription wait while the buffer is full (backpressure)', async () => {
    const release = h.bus.hold();
    const relayed = h.relay({ batchSize: 10, maxBuffered: 20 });
    await relayed.start();
    await appendBatch(h.store, 'consultation-slow', 200);
    await eventually(() => relayed.stats.buffered >= 20, 'a full buffer');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(relayed.stats.buffered).toBe(20);
    release();
    await eventually(() => h.bus.published.length === 200, 'all 200');
    expect(revisionsByKey(h.bus.envelopes())).toEqual(new Map([['consultation-slow', range(200)]]));
  });

  it('re-subscribes from the last handled event when the subscription fails', async () => {
    let failures = 0;
    const flaky: EventStore = Object.create(h.store) as EventStore;
    flaky.subscribeToAll = (options, handler): Subscription => {
      if (failures < 2) {
        failures += 1;
        let seen = 0;
        return h.store.subscribeToAll(options, (event) => {
          seen += 1;
          if (seen === 5) throw new Error('connection lost (test)');
          return handler(event);
        });
      }
      return h.store.subscribeToAll(options, handler);
    };
    await appendBatch(h.store, 'consultation-resub', 30);
    const relayed = h.relay({ store: flaky, retryDelayMs: 10 });
    await relayed.start();
    await eventually(() => h.bus.published.length >= 30, 'all 30');
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(failures).toBe(2);
    expect(revisionsByKey(h.bus.envelopes())).toEqual(new Map([['consultation-resub', range(30)]]));
  });

  it("starts at the end of the log with initialPosition 'end' and no checkpoint", async () => {
    await appendBatch(h.store, 'consultation-old', 5);
    await h.relay({ initialPosition: 'end' }).start();
    await appendEach(h.store, 'consultation-new', 2);
    await eventually(() => h.bus.published.length === 2, 'the two new events');
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(h.bus.envelopes().map((e) => e.streamId)).toEqual([
      'consultation-new',
      'consultation-new',
    ]);
  });

  it('reports its lag in positions, 0 once caught up', async () => {
    await appendBatch(h.store, 'consultation-lag', 10);
    const relayed = h.relay();
    expect(await relayed.lag()).toBeGreaterThan(0);
    await relayed.start();
    await eventually(() => h.bus.published.length === 10, 'ten messages');
    await eventually(() => relayed.stats.checkpoint > 0, 'a checkpoint');
    expect(await relayed.lag()).toBe(0);
  });

  it('refuses routes it could not publish', () => {
    expect(() => h.relay({ routes: [] })).toThrow(/at least one route/);
    expect(() => h.relay({ routes: [{ streamPrefix: '', topic: 'x' }] })).toThrow(/streamPrefix/);
    expect(() => h.relay({ routes: [{ streamPrefix: 'a-', topic: 'bad topic' }] })).toThrow(
      /topic/,
    );
    expect(() => h.relay({ name: '' })).toThrow(/name/);
    expect(() => h.relay({ batchSize: 0 })).toThrow(/batchSize/);
  });
});
