import { ContractRegistry, dlqTopic, TOPICS } from '@switchboard/contracts';
import type { EventStore, SqliteEventStore, Subscription } from '@switchboard/event-store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  appendBatch,
  appendEach,
  eventually,
  openStore,
  range,
  RecordingBus,
  revisionsByKey,
} from '../test/relay.fixtures';
import { Relay } from './event.relay';
import { InMemoryCheckpointStore } from './in-memory/in-memory.checkpoint-store';
import { envelopeMessage } from './relay-message.mapper';
import { type RelayOptions, silentRelayLogger } from './relay.options';
import { RELAY_ERROR_HEADER } from './relay.router';

describe('Relay routes, dead letters and resilience', () => {
  let store: SqliteEventStore;
  let bus: RecordingBus;
  let checkpoints: InMemoryCheckpointStore;
  const relays: Relay[] = [];

  function relay(options: Partial<RelayOptions> = {}): Relay {
    const created = new Relay({
      name: 'relay',
      store,
      bus,
      checkpoints,
      routes: [{ streamPrefix: 'consultation-', topic: TOPICS.consultationEvents }],
      logger: silentRelayLogger,
      ...options,
    });
    relays.push(created);
    return created;
  }

  beforeEach(async () => {
    store = await openStore();
    bus = new RecordingBus();
    checkpoints = new InMemoryCheckpointStore();
  });
  afterEach(async () => {
    await Promise.all(relays.splice(0).map((r) => r.stop()));
    await store.close();
  });

  it('leaves out events a route maps to null, and still moves the checkpoint past them', async () => {
    const relayed = relay({
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
    const last = await appendEach(store, 'consultation-odd', 7);
    await eventually(() => relayed.stats.checkpoint === last, 'checkpoint at the last event');
    expect(bus.envelopes().map((e) => e.revision)).toEqual([0, 2, 4, 6]);
  });

  it('publishes an event to every route whose prefix matches', async () => {
    await relay({
      routes: [
        { streamPrefix: 'conversation-', topic: TOPICS.imMessages },
        {
          streamPrefix: 'conversation-',
          topic: TOPICS.pushRequests,
          toMessage: (event) => envelopeMessage(event, { type: 'PushRequested', key: 'user-1' }),
        },
      ],
    }).start();
    await appendEach(store, 'conversation-c1', 3);
    await eventually(() => bus.published.length === 6, 'six messages');
    expect(bus.envelopes(TOPICS.imMessages).map((e) => e.type)).toEqual(Array(3).fill('Happened'));
    expect(bus.published.filter((m) => m.topic === TOPICS.pushRequests).map((m) => m.key)).toEqual(
      Array(3).fill('user-1'),
    );
  });

  it('dead-letters an event whose mapping throws, and goes on with the next ones', async () => {
    const relayed = relay({
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
    await appendEach(store, 'consultation-poison', 3);
    await eventually(() => bus.published.length === 3, 'three messages');
    const dlq = bus.published.filter((m) => m.topic === dlqTopic(TOPICS.consultationEvents));
    expect(dlq).toHaveLength(1);
    expect(dlq[0]!.headers?.[RELAY_ERROR_HEADER]).toMatch(/mapping failed: no public shape/);
    expect(revisionsByKey(bus.envelopes(TOPICS.consultationEvents))).toEqual(
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
    await relay({ contracts }).start();
    await appendEach(store, 'consultation-checked', 3);
    await eventually(() => bus.published.length === 3, 'three messages');
    const [dead] = bus.published.filter((m) => m.topic.endsWith('.dlq'));
    expect(dead!.headers?.[RELAY_ERROR_HEADER]).toMatch(/\/data\/n must be <= 1/);
    expect(JSON.parse(dead!.value)).toMatchObject({ revision: 2, data: { n: 2 } });
  });

  it('dead-letters a message the bus would refuse instead of failing its batch forever', async () => {
    await relay({
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
    }).start();
    await appendEach(store, 'consultation-headers', 2);
    await eventually(() => bus.published.length === 2, 'two dead letters');
    expect(bus.published.every((m) => m.topic.endsWith('.dlq'))).toBe(true);
  });

  it('makes the subscription wait while the buffer is full (backpressure)', async () => {
    const release = bus.hold();
    const relayed = relay({ batchSize: 10, maxBuffered: 20 });
    await relayed.start();
    await appendBatch(store, 'consultation-slow', 200);
    await eventually(() => relayed.stats.buffered >= 20, 'a full buffer');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(relayed.stats.buffered).toBe(20);
    release();
    await eventually(() => bus.published.length === 200, 'all 200');
    expect(revisionsByKey(bus.envelopes())).toEqual(new Map([['consultation-slow', range(200)]]));
  });

  it('re-subscribes from the last handled event when the subscription fails', async () => {
    let failures = 0;
    const flaky: EventStore = Object.create(store) as EventStore;
    flaky.subscribeToAll = (options, handler): Subscription => {
      if (failures < 2) {
        failures += 1;
        let seen = 0;
        return store.subscribeToAll(options, (event) => {
          seen += 1;
          if (seen === 5) throw new Error('connection lost (test)');
          return handler(event);
        });
      }
      return store.subscribeToAll(options, handler);
    };
    await appendBatch(store, 'consultation-resub', 30);
    const relayed = relay({ store: flaky, retryDelayMs: 10 });
    await relayed.start();
    await eventually(() => bus.published.length >= 30, 'all 30');
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(failures).toBe(2);
    expect(revisionsByKey(bus.envelopes())).toEqual(new Map([['consultation-resub', range(30)]]));
  });

  it("starts at the end of the log with initialPosition 'end' and no checkpoint", async () => {
    await appendBatch(store, 'consultation-old', 5);
    await relay({ initialPosition: 'end' }).start();
    await appendEach(store, 'consultation-new', 2);
    await eventually(() => bus.published.length === 2, 'the two new events');
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(bus.envelopes().map((e) => e.streamId)).toEqual([
      'consultation-new',
      'consultation-new',
    ]);
  });

  it('reports its lag in positions, 0 once caught up', async () => {
    await appendBatch(store, 'consultation-lag', 10);
    const relayed = relay();
    expect(await relayed.lag()).toBeGreaterThan(0);
    await relayed.start();
    await eventually(() => bus.published.length === 10, 'ten messages');
    await eventually(() => relayed.stats.checkpoint > 0, 'a checkpoint');
    expect(await relayed.lag()).toBe(0);
  });

  it('refuses routes it could not publish', () => {
    expect(() => relay({ routes: [] })).toThrow(/at least one route/);
    expect(() => relay({ routes: [{ streamPrefix: '', topic: 'x' }] })).toThrow(/streamPrefix/);
    expect(() => relay({ routes: [{ streamPrefix: 'a-', topic: 'bad topic' }] })).toThrow(/topic/);
    expect(() => relay({ name: '' })).toThrow(/name/);
    expect(() => relay({ batchSize: 0 })).toThrow(/batchSize/);
  });
});
