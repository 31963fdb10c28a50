import { type ConsumedMessage, InMemoryBus, silentBusLogger } from '@switchboard/bus';
import { DLQ_REASON_HEADER, dlqTopic, TOPICS } from '@switchboard/contracts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DataProjector } from '../src/projection/data.projector';
import { InMemoryFactStore } from '../src/store/in-memory.fact-store';
import { dayTraffic } from './support/day-traffic';

const day = () => dayTraffic({ seed: 7, day: '2026-03-02', consultations: 30, agents: 4 });
const publishAll = (bus: InMemoryBus, messages: readonly ConsumedMessage[]) =>
  bus.publish(messages.map(({ topic, key, value }) => ({ topic, key, value })));
const until = (check: () => Promise<void> | void) =>
  vi.waitFor(check, { timeout: 10_000, interval: 20 });

describe('DataProjector', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  function setUp(
    store = new InMemoryFactStore(),
    bus = new InMemoryBus({ logger: silentBusLogger }),
  ) {
    const projector = new DataProjector({ bus, store, logger: silentBusLogger });
    cleanups.push(
      () => bus.close(),
      () => projector.stop(),
    );
    return { bus, store, projector };
  }

  it('projects the public topics into facts and stores each partition position', async () => {
    const { bus, store, projector } = setUp();
    await projector.start();
    const messages = day();
    await publishAll(bus, messages);
    await until(() => expect(projector.stats().projected).toBe(messages.length));
    expect(projector.stats().deadLettered).toBe(0);
    const opened = await store.find({ kinds: ['opened'] });
    expect(opened).toHaveLength(30);
    expect(await store.find({ kinds: ['order'] })).not.toHaveLength(0);
    const positions = await store.positions();
    const perTopic = new Map<string, number>();
    for (const p of positions)
      perTopic.set(p.topic, (perTopic.get(p.topic) ?? 0) + Number(p.offset) + 1);
    for (const topic of [TOPICS.consultationEvents, TOPICS.imMessages, TOPICS.agentEvents]) {
      expect(perTopic.get(topic)).toBe(messages.filter((m) => m.topic === topic).length);
    }
  });

  it('changes nothing when a message is delivered again (same offset, or republished)', async () => {
    const store = new InMemoryFactStore();
    const projector = new DataProjector({ store, logger: silentBusLogger });
    const messages = day().slice(0, 200);
    await projector.applyBatch(messages);
    const facts = await store.find({});
    const positions = await store.positions();
    const again = await projector.applyBatch([messages[10]!, messages[10]!]);
    expect(again).toEqual({ projected: 0, skipped: 2, deadLettered: 0, facts: 0 });
    // A fresh process over the same store skips by the stored positions.
    const restarted = new DataProjector({ store, logger: silentBusLogger });
    await restarted.loadPositions();
    expect((await restarted.applyBatch(messages)).skipped).toBe(messages.length);
    // Published twice: a new offset, but the same envelope id gives the same fact ids.
    const republished = { ...messages[10]!, offset: '100000' };
    expect((await projector.applyBatch([republished])).projected).toBe(1);
    expect(await store.find({})).toEqual(facts);
    expect(await store.positions()).toEqual(
      positions.map((p) =>
        p.topic === republished.topic && p.partition === republished.partition
          ? { ...p, offset: '100000' }
          : p,
      ),
    );
  });

  it('parks malformed, unknown-version and wrong-schema messages on the DLQ and goes on', async () => {
    const { bus, store, projector } = setUp();
    const parked: ConsumedMessage[] = [];
    const topic = TOPICS.consultationEvents;
    await bus.ensureTopics([dlqTopic(topic)]);
    const dlq = await bus.consume(
      { groupId: 'dlq-reader', topics: [dlqTopic(topic)] },
      async (m) => {
        parked.push(m);
      },
    );
    cleanups.push(() => dlq.stop());
    await projector.start();
    const opened = day().find((m) => m.topic === topic)!;
    const envelope = JSON.parse(opened.value) as { data: Record<string, unknown> };
    const key = opened.key; // one key: one partition, so the good message comes after the bad ones
    const { customerId: _dropped, ...withoutCustomer } = envelope.data;
    await bus.publish([
      { topic, key, value: '{"id": not json' },
      { topic, key, value: JSON.stringify({ ...envelope, version: 2 }) },
      { topic, key, value: JSON.stringify({ ...envelope, data: withoutCustomer }) },
      { topic, key, value: opened.value },
    ]);
    await until(() => expect(parked).toHaveLength(3));
    await until(() => expect(projector.stats().projected).toBe(1));
    const reasons = parked.map((m) => m.headers[DLQ_REASON_HEADER]);
    expect(reasons[0]).toMatch(/^CONTRACT_VIOLATION: .*malformed-json/);
    expect(reasons[1]).toMatch(/^UNSUPPORTED_VERSION: /);
    expect(reasons[2]).toMatch(/^CONTRACT_VIOLATION: .*customerId/);
    expect(parked.map((m) => m.value)[0]).toBe('{"id": not json');
    expect(await store.find({ kinds: ['opened'] })).toHaveLength(1);
    const [position] = (await store.positions()).filter((p) => p.topic === topic);
    expect(position?.offset).toBe('3');
  });

  it('resumes from the stored positions after a restart', async () => {
    const store = new InMemoryFactStore();
    const bus = new InMemoryBus({ logger: silentBusLogger });
    cleanups.push(() => bus.close());
    const messages = day();
    const first = new DataProjector({ bus, store, logger: silentBusLogger, groupId: 'data-a' });
    await first.start();
    await publishAll(bus, messages.slice(0, 300));
    await until(() => expect(first.stats().projected).toBe(300));
    await first.stop();
    const count = await store.count();
    // A new member that the bus hands everything again (another group, from the beginning).
    const second = new DataProjector({ bus, store, logger: silentBusLogger, groupId: 'data-b' });
    cleanups.push(() => second.stop());
    await second.start();
    await publishAll(bus, messages.slice(300));
    await until(() =>
      expect(second.stats().skipped + second.stats().projected).toBe(messages.length),
    );
    expect(second.stats().skipped).toBe(300);
    expect(second.stats().projected).toBe(messages.length - 300);
    expect(await store.count()).toBeGreaterThan(count);
  });

  it('rejects (so the bus redelivers) when the store fails, and then applies the message', async () => {
    const store = new InMemoryFactStore();
    let failures = 1;
    const append = store.append.bind(store);
    store.append = (facts, positions) =>
      failures-- > 0 ? Promise.reject(new Error('disk full')) : append(facts, positions);
    const projector = new DataProjector({ store, logger: silentBusLogger });
    const [message] = day();
    await expect(projector.applyBatch([message!])).rejects.toThrow('disk full');
    expect(await store.count()).toBe(0);
    expect((await projector.applyBatch([message!])).projected).toBe(1);
    expect(await store.count()).toBeGreaterThan(0);
  });
});
