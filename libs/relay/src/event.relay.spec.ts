import { ENVELOPE_HEADERS, TOPICS } from '@switchboard/contracts';
import type { SqliteEventStore } from '@switchboard/event-store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  appendBatch,
  appendEach,
  eventually,
  openStore,
  range,
  RecordingBus,
  revisionsByKey,
  WatchedCheckpoints,
} from '../test/relay.fixtures';
import { Relay } from './event.relay';
import { InMemoryCheckpointStore } from './in-memory/in-memory.checkpoint-store';
import { type RelayOptions, silentRelayLogger } from './relay.options';

const routes = [
  { streamPrefix: 'consultation-', topic: TOPICS.consultationEvents },
  { streamPrefix: 'agent-', topic: TOPICS.agentEvents },
];

describe('Relay', () => {
  let store: SqliteEventStore;
  let bus: RecordingBus;
  let checkpoints: WatchedCheckpoints;
  const relays: Relay[] = [];

  function relay(options: Partial<RelayOptions> = {}): Relay {
    const created = new Relay({
      name: 'relay',
      store,
      bus,
      checkpoints,
      routes,
      logger: silentRelayLogger,
      ...options,
    });
    relays.push(created);
    return created;
  }

  beforeEach(async () => {
    store = await openStore();
    bus = new RecordingBus();
    checkpoints = new WatchedCheckpoints(new InMemoryCheckpointStore());
  });
  afterEach(async () => {
    await Promise.all(relays.splice(0).map((r) => r.stop()));
    await store.close();
  });

  it('publishes every event of routed streams once, in order per key, and nothing else', async () => {
    const relayed = relay();
    await relayed.start();
    await Promise.all([
      appendEach(store, 'consultation-a', 20),
      appendEach(store, 'consultation-b', 20),
      appendEach(store, 'agent-x', 5),
      appendEach(store, 'conversation-c', 10),
    ]);
    await eventually(() => bus.published.length >= 45, '45 messages');
    const last = (await store.readAll({ direction: 'backwards', maxCount: 1 }))[0]!.position;
    await eventually(() => relayed.stats.checkpoint === last, 'checkpoint at the end of $all');

    const consultation = bus.envelopes(TOPICS.consultationEvents);
    expect(revisionsByKey(consultation)).toEqual(
      new Map([
        ['consultation-a', range(20)],
        ['consultation-b', range(20)],
      ]),
    );
    expect(revisionsByKey(bus.envelopes(TOPICS.agentEvents))).toEqual(
      new Map([['agent-x', range(5)]]),
    );
    expect(bus.published).toHaveLength(45);
    expect(new Set(bus.published.map((m) => m.key))).toEqual(new Set(['a', 'b', 'x']));
    expect(await checkpoints.load('relay')).toBe(last);
  });

  it('publishes the envelope of the stored event with its headers', async () => {
    const [recorded] = await (async () => {
      await store.appendToStream('consultation-42', [
        {
          id: '3f0e2a8e-3c1b-4d7e-9a55-0b2f6f3e9d10',
          type: 'ConsultationOpened',
          data: { domain: 'hotel' },
          metadata: { version: 2, correlationId: 'corr-1', causationId: 'cmd-1', userId: 'u1' },
        },
      ]);
      return store.readStream('consultation-42');
    })();
    await relay().start();
    await eventually(() => bus.published.length === 1, 'one message');
    const [message] = bus.published;
    expect(message!.key).toBe('42');
    expect(JSON.parse(message!.value)).toEqual({
      id: '3f0e2a8e-3c1b-4d7e-9a55-0b2f6f3e9d10',
      type: 'ConsultationOpened',
      version: 2,
      streamId: 'consultation-42',
      revision: 0,
      position: recorded!.position,
      occurredAt: recorded!.recordedAt.toISOString(),
      correlationId: 'corr-1',
      causationId: 'cmd-1',
      data: { domain: 'hotel' },
    });
    expect(message!.headers).toMatchObject({
      [ENVELOPE_HEADERS.eventType]: 'ConsultationOpened',
      [ENVELOPE_HEADERS.eventVersion]: '2',
      [ENVELOPE_HEADERS.correlationId]: 'corr-1',
    });
  });

  it('really batches: one publish call per batchSize events during catch-up', async () => {
    await appendBatch(store, 'consultation-many', 1000);
    const relayed = relay({ batchSize: 100 });
    await relayed.start();
    await eventually(() => bus.published.length === 1000, '1000 messages');
    expect(bus.calls.map((call) => call.length)).toEqual(Array(10).fill(100));
    expect(relayed.stats).toMatchObject({ published: 1000, batches: 10, buffered: 0 });
  });

  it('batches live events that arrive within the linger time', async () => {
    const relayed = relay({ lingerMs: 30 });
    await relayed.start();
    await Promise.all(range(10).map((n) => appendEach(store, `consultation-live${n}`, 5)));
    await eventually(() => bus.published.length === 50, '50 messages');
    expect(bus.calls.length).toBeLessThan(10);
    expect(relayed.stats.batches).toBe(bus.calls.length);
  });

  it('retries a failing publish with backoff, never advancing the checkpoint meanwhile', async () => {
    const position = await appendBatch(store, 'consultation-retry', 30);
    bus.failNext = 2;
    const relayed = relay({ retryDelayMs: 20 });
    await relayed.start();
    await eventually(() => bus.attempts >= 2, 'two failed attempts');
    expect(await checkpoints.load('relay')).toBeUndefined();
    expect(relayed.stats.checkpoint).toBe(0);
    await eventually(() => bus.published.length === 30, 'all 30 after the retries');
    expect(bus.attempts).toBe(3);
    expect(revisionsByKey(bus.envelopes())).toEqual(new Map([['consultation-retry', range(30)]]));
    await eventually(() => checkpoints.saves.length === 1, 'one save');
    expect(checkpoints.saves).toEqual([position]);
    expect(relayed.stats).toMatchObject({
      publishFailures: 2,
      published: 30,
      checkpoint: position,
    });
    expect(relayed.stats.lastError).toMatch(/broker unavailable/);
  });

  it('graceful stop publishes what is buffered and saves the checkpoint', async () => {
    const relayed = relay({ lingerMs: 60_000, batchSize: 1000 });
    await relayed.start();
    const last = await appendEach(store, 'consultation-stop', 5);
    await eventually(() => relayed.stats.handledPosition === last, 'all five handed over');
    expect(bus.published).toHaveLength(0); // still lingering
    await relayed.stop();
    expect(bus.published).toHaveLength(5);
    expect(await checkpoints.load('relay')).toBe(last);
    expect(relayed.stats.running).toBe(false);
  });

  it('a restart from the checkpoint neither skips nor repeats after a graceful stop', async () => {
    await appendBatch(store, 'consultation-r1', 400);
    const first = relay({ batchSize: 50 });
    await first.start();
    await eventually(() => bus.published.length >= 150, 'some published');
    await first.stop();
    const publishedByFirst = bus.published.length;
    expect(publishedByFirst).toBeLessThan(400 + 1);
    await appendBatch(store, 'consultation-r2', 100);

    const second = relay({ batchSize: 50 });
    await second.start();
    await eventually(() => bus.published.length >= 500, 'all 500');
    await second.stop();
    const ids = bus.envelopes().map((e) => e.id);
    expect(ids).toHaveLength(500);
    expect(new Set(ids).size).toBe(500);
    expect(revisionsByKey(bus.envelopes())).toEqual(
      new Map([
        ['consultation-r1', range(400)],
        ['consultation-r2', range(100)],
      ]),
    );
  });

  it('after a crash, re-publishes at most the one batch whose checkpoint was not saved', async () => {
    await appendBatch(store, 'consultation-crash', 100);
    const batchSize = 10;
    checkpoints.hangAfterSaves = 3; // the 4th save never returns: the process "dies" there
    const crashed = relay({ batchSize, stopTimeoutMs: 50 });
    await crashed.start();
    await eventually(() => bus.published.length === 40, 'four batches published');
    await crashed.stop(); // abandons the hung save within stopTimeoutMs
    const saved = await checkpoints.inner.load('relay');
    expect(saved).toBe(bus.envelopes()[29]!.position);

    const restarted = relay({ batchSize, checkpoints: checkpoints.inner });
    await restarted.start();
    await eventually(() => bus.published.length >= 110, 'the rest');
    const envelopes = bus.envelopes();
    const distinct = new Set(envelopes.map((e) => e.id));
    expect(distinct.size).toBe(100); // none skipped
    const duplicates = envelopes.length - distinct.size;
    expect(duplicates).toBeLessThanOrEqual(batchSize);
    expect(duplicates).toBe(10);
    // Per key: a prefix, then the replay from the checkpoint on, in order.
    expect(envelopes.map((e) => e.revision)).toEqual([
      ...range(40),
      ...range(70).map((n) => n + 30),
    ]);
  });

  it('stop() with the bus down gives up in time and leaves the events for the next start', async () => {
    await appendBatch(store, 'consultation-down', 20);
    bus.failNext = Number.POSITIVE_INFINITY;
    const relayed = relay({ retryDelayMs: 10, stopTimeoutMs: 100 });
    await relayed.start();
    await eventually(() => bus.attempts >= 2, 'failing publishes');
    const started = Date.now();
    await relayed.stop();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(await checkpoints.load('relay')).toBeUndefined();

    bus.failNext = 0;
    await relay().start();
    await eventually(() => bus.published.length === 20, 'all 20 on the next start');
  });
});
