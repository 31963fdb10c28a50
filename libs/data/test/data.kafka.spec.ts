import { silentBusLogger } from '@switchboard/bus';
import { KafkaBus } from '@switchboard/bus/kafka/kafka.bus';
import { realInfraAvailable } from '@switchboard/testing';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { kafkaBrokers, kafkaInfra } from '../../bus/test/kafka/kafka.infra';
import { DATA_TOPICS, DataProjector } from '../src/projection/data.projector';
import { KafkaRebuildSource } from '../src/rebuild/kafka.rebuild-source';
import { rebuildReadModel } from '../src/rebuild/rebuild-read-model';
import { InMemoryFactStore } from '../src/store/in-memory.fact-store';
import { SqliteFactStore } from '../src/store/sqlite.fact-store';
import { dayTraffic } from './support/day-traffic';
import { metricsMatrix } from './support/metrics-matrix';

// The public topics are shared with other suites on this broker: this run's ids carry a fresh
// tag and its day is a random one, so its facts and figures are its own.
describe('data projection on Kafka', async () => {
  const available = await realInfraAvailable(kafkaInfra);

  describe.skipIf(!available)('on a real broker', () => {
    const tag = randomBytes(4).toString('hex');
    const dayMs = Date.UTC(2031, 0, 1) + (parseInt(tag, 16) % 3000) * 86_400_000;
    const day = new Date(dayMs).toISOString().slice(0, 10);
    const from = `${day}T00:00:00.000Z`;
    const to = new Date(dayMs + 2 * 86_400_000).toISOString();
    const messages = dayTraffic({
      seed: parseInt(tag, 16),
      day,
      consultations: 60,
      agents: 5,
      idPrefix: `k${tag}`,
    });
    const cleanups: (() => Promise<void>)[] = [];
    afterAll(async () => {
      for (const cleanup of cleanups.reverse()) await cleanup();
    });
    const mine = async (store: { find: InMemoryFactStore['find'] }) =>
      (await store.find({})).filter((fact) => fact.subject.includes(`k${tag}-`));

    it('projects real topic messages, and a rebuild from offset 0 gives the same facts and figures', async () => {
      const reference = new InMemoryFactStore();
      await new DataProjector({ store: reference, logger: silentBusLogger }).applyBatch(messages);
      const expected = await reference.find({});

      const bus = await KafkaBus.open({
        brokers: kafkaBrokers(),
        clientId: `data-test-${tag}`,
        partitions: 3,
        sessionTimeoutMs: 6_000,
        heartbeatIntervalMs: 300,
        rebalanceTimeoutMs: 5_000,
        maxWaitTimeMs: 250,
        joinTimeoutMs: 20_000,
        logger: silentBusLogger,
      });
      const live = await SqliteFactStore.open({ filename: ':memory:' });
      const projector = new DataProjector({
        bus,
        store: live,
        logger: silentBusLogger,
        groupId: `data-test-${tag}`,
      });
      cleanups.push(
        () => bus.close(),
        () => live.close(),
        () => projector.stop(),
      );
      await projector.start();
      await bus.publish(messages.map(({ topic, key, value }) => ({ topic, key, value })));
      await vi.waitFor(async () => expect(await mine(live)).toEqual(expected), {
        timeout: 60_000,
        interval: 250,
      });
      await projector.stop();
      expect((await live.positions()).map((p) => p.topic)).toEqual(
        expect.arrayContaining([...DATA_TOPICS]),
      );

      const rebuilt = await SqliteFactStore.open({ filename: ':memory:' });
      cleanups.push(() => rebuilt.close());
      const source = new KafkaRebuildSource({ brokers: kafkaBrokers(), topics: DATA_TOPICS });
      const summary = await rebuildReadModel({ store: rebuilt, source, logger: silentBusLogger });
      expect(summary.messages).toBeGreaterThanOrEqual(messages.length);
      expect(await mine(rebuilt)).toEqual(expected);
      expect(await metricsMatrix(rebuilt, from, to)).toEqual(await metricsMatrix(live, from, to));
      // Positions reach the watermarks noted at the start, so the live projector resumes there.
      for (const position of await rebuilt.positions())
        expect(DATA_TOPICS).toContain(position.topic);
      expect(await rebuilt.positions()).not.toHaveLength(0);
    }, 120_000);
  });
});
