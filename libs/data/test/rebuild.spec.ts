import { type ConsumedMessage, InMemoryBus, silentBusLogger } from '@switchboard/bus';
import { type Envelope, TOPICS } from '@switchboard/contracts';
import { SqliteEventStore } from '@switchboard/event-store';
import {
  InMemoryCheckpointStore,
  Relay,
  type RelayRoute,
  silentRelayLogger,
} from '@switchboard/relay';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DATA_TOPICS, DataProjector } from '../src/projection/data.projector';
import { EventStoreRebuildSource } from '../src/rebuild/event-store.rebuild-source';
import { rebuildReadModel, type RebuildProgress } from '../src/rebuild/rebuild-read-model';
import { SqliteFactStore } from '../src/store/sqlite.fact-store';
import { dayTraffic } from './support/day-traffic';
import { metricsMatrix } from './support/metrics-matrix';
import { interleave } from './support/topic-messages';

/** The relay's routes as the contexts register them (the data lib takes them as input). */
const ROUTES: readonly RelayRoute[] = [
  { streamPrefix: 'consultation-', topic: TOPICS.consultationEvents },
  { streamPrefix: 'conversation-', topic: TOPICS.imMessages },
  { streamPrefix: 'agent-', topic: TOPICS.agentEvents },
  { streamPrefix: 'order-', topic: TOPICS.commerceOrders },
];
const FROM = '2026-03-02T00:00:00.000Z';
const TO = '2026-03-04T00:00:00.000Z';

describe('rebuilding the read model', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  /** A scripted day: 400 consultations, 12 agents, orders; written to an event store. */
  async function recordedDay() {
    const messages = dayTraffic({ seed: 2026, day: '2026-03-02', consultations: 400, agents: 12 });
    const eventStore = await SqliteEventStore.open({ filename: ':memory:' });
    cleanups.push(() => eventStore.close());
    for (const message of messages) {
      const envelope = JSON.parse(message.value) as Envelope;
      await eventStore.appendToStream(envelope.streamId, [
        { id: envelope.id, type: envelope.type, data: envelope.data },
      ]);
    }
    return { messages, eventStore };
  }

  it('gives the live projection’s figures again (embedded: relay → bus → projector, then $all)', async () => {
    const { messages, eventStore } = await recordedDay();
    const store = await SqliteFactStore.open({ filename: ':memory:' });
    const bus = new InMemoryBus({ logger: silentBusLogger });
    const projector = new DataProjector({
      bus,
      store,
      logger: silentBusLogger,
      durableOffsets: false,
    });
    const relay = new Relay({
      name: 'rebuild-test',
      store: eventStore,
      bus,
      checkpoints: new InMemoryCheckpointStore(),
      routes: ROUTES,
      logger: silentRelayLogger,
    });
    cleanups.push(
      () => store.close(),
      () => bus.close(),
      () => projector.stop(),
      () => relay.stop(),
    );
    await projector.start();
    await relay.start();
    await vi.waitFor(() => expect(projector.stats().projected).toBe(messages.length), {
      timeout: 20_000,
      interval: 25,
    });
    await relay.stop();
    await projector.stop();
    expect(projector.stats().deadLettered).toBe(0);

    const live = await metricsMatrix(store, FROM, TO);
    const liveFacts = await store.find({});
    const all = live['day/all']!.rows;
    expect(all.reduce((sum, row) => sum + row.opened, 0)).toBe(400);
    expect(all.reduce((sum, row) => sum + row.transfers, 0)).toBeGreaterThan(0);
    expect(all.reduce((sum, row) => sum + row.reopened, 0)).toBeGreaterThan(0);
    expect(all.reduce((sum, row) => sum + row.abandoned, 0)).toBeGreaterThan(0);
    expect(all.reduce((sum, row) => sum + row.ratings, 0)).toBeGreaterThan(0);
    expect(all.reduce((sum, row) => sum + row.conversions, 0)).toBeGreaterThan(0);
    expect(live['hour/agent']!.rows.some((row) => (row.onlineMs ?? 0) > 0)).toBe(true);

    const progress: RebuildProgress[] = [];
    const summary = await rebuildReadModel({
      store,
      source: new EventStoreRebuildSource({
        eventStore,
        routes: ROUTES,
        topics: DATA_TOPICS,
        pageSize: 500,
      }),
      onProgress: (p) => progress.push(p),
      logger: silentBusLogger,
    });
    expect(summary.messages).toBe(messages.length);
    expect(summary.deadLettered).toBe(0);
    expect(summary.storedFacts).toBe(liveFacts.length);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)!.fraction).toBe(1);
    expect(await store.find({})).toEqual(liveFacts);
    expect(await metricsMatrix(store, FROM, TO)).toEqual(live);
  });

  it('drops what the read model held before (a reset, not a merge)', async () => {
    const { eventStore } = await recordedDay();
    const store = await SqliteFactStore.open({ filename: ':memory:' });
    cleanups.push(() => store.close());
    const stray = {
      id: 'stray',
      subject: 'consultation:stray',
      kind: 'opened',
      at: FROM,
      revision: 0,
      data: {},
    };
    await store.append([stray], [{ topic: TOPICS.imMessages, partition: 0, offset: '99' }]);
    await rebuildReadModel({
      store,
      source: new EventStoreRebuildSource({ eventStore, routes: ROUTES, topics: DATA_TOPICS }),
      logger: silentBusLogger,
    });
    expect(await store.find({ subjects: ['consultation:stray'] })).toEqual([]);
    expect(await store.positions()).toEqual([]);
  });

  it('gives the same figures whatever the interleaving across topics and partitions', async () => {
    const messages = dayTraffic({ seed: 77, day: '2026-03-02', consultations: 300, agents: 10 });
    const project = async (order: readonly ConsumedMessage[], chunk: number) => {
      const store = await SqliteFactStore.open({ filename: ':memory:' });
      cleanups.push(() => store.close());
      const projector = new DataProjector({ store, logger: silentBusLogger });
      for (let n = 0; n < order.length; n += chunk)
        await projector.applyBatch(order.slice(n, n + chunk));
      return { facts: await store.find({}), metrics: await metricsMatrix(store, FROM, TO) };
    };
    const inOrder = await project(messages, 1);
    const shuffled = interleave(messages, 99);
    expect(shuffled.map((m) => m.value)).not.toEqual(messages.map((m) => m.value));
    const other = await project(shuffled, 37);
    expect(other.facts).toEqual(inOrder.facts);
    expect(other.metrics).toEqual(inOrder.metrics);
    expect(inOrder.metrics['day/all']!.rows.reduce((sum, row) => sum + row.opened, 0)).toBe(300);
  });
});
