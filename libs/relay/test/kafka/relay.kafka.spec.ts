import { silentBusLogger, type ConsumedMessage } from '@switchboard/bus';
import { KafkaBus } from '@switchboard/bus/kafka/kafka.bus';
import { parseEnvelope } from '@switchboard/contracts';
import { SqliteEventStore } from '@switchboard/event-store';
import { realInfraAvailable } from '@switchboard/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { kafkaBrokers, kafkaInfra } from '../../../bus/test/kafka/kafka.infra';
import { Relay } from '../../src/event.relay';
import { InMemoryCheckpointStore } from '../../src/in-memory/in-memory.checkpoint-store';
import { silentRelayLogger } from '../../src/relay.options';
import { eventually, revisionsByKey } from '../relay.fixtures';

// End to end through a real broker: what the in-memory bus cannot show is that batches keep
// kafkajs far above its ~2k msg/s per awaited send, and that order per key survives partitions.
describe('Relay → KafkaBus', async () => {
  const available = await realInfraAvailable(kafkaInfra);

  describe.skipIf(!available)('on a real broker', () => {
    it('publishes every event once, in order per key, in batches; a restart adds nothing', async () => {
      const topic = `relay-e2e-${randomBytes(4).toString('hex')}`;
      const options = { brokers: kafkaBrokers(), clientId: 'switchboard-relay-e2e', partitions: 3 };
      const bus = await KafkaBus.open({ ...options, logger: silentBusLogger, maxWaitTimeMs: 250 });
      const store = await SqliteEventStore.open({ filename: ':memory:' });
      const checkpoints = new InMemoryCheckpointStore();
      const streams = 50;
      const perStream = 200;
      try {
        await bus.ensureTopics([topic]);
        for (let s = 0; s < streams; s += 1) {
          await store.appendToStream(
            `consultation-${s}`,
            Array.from({ length: perStream }, (_, n) => ({
              id: randomUUID(),
              type: 'Happened',
              data: { n },
            })),
          );
        }
        const total = streams * perStream;
        const received: ConsumedMessage[] = [];
        await bus.consume({ groupId: `${topic}-g`, topics: [topic] }, async (m) => {
          received.push(m);
        });
        const routes = [{ streamPrefix: 'consultation-', topic }];
        const first = new Relay({
          name: 'e2e',
          store,
          bus,
          checkpoints,
          routes,
          logger: silentRelayLogger,
        });
        const started = performance.now();
        await first.start();
        const [last] = await store.readAll({ direction: 'backwards', maxCount: 1 });
        await eventually(() => first.stats.checkpoint === last!.position, 'all published', 60_000);
        const seconds = (performance.now() - started) / 1000;
        console.info(
          `relay → kafka: ${total} events in ${seconds.toFixed(2)} s = ${Math.round(total / seconds)} events/s ` +
            `(${first.stats.batches} publish calls)`,
        );
        await first.stop();
        await eventually(() => received.length >= total, 'all consumed', 60_000);

        const envelopes = received.map((m) => parseEnvelope(m.value));
        expect(new Set(envelopes.map((e) => e.id)).size).toBe(total);
        for (const revisions of revisionsByKey(envelopes).values()) {
          expect(revisions).toEqual(Array.from({ length: perStream }, (_, n) => n));
        }

        const second = new Relay({
          name: 'e2e',
          store,
          bus,
          checkpoints,
          routes,
          logger: silentRelayLogger,
        });
        await second.start();
        await new Promise((resolve) => setTimeout(resolve, 500));
        await second.stop();
        expect(second.stats.published).toBe(0);
        expect(received).toHaveLength(total);
      } finally {
        await bus.close();
        await store.close();
      }
    }, 120_000);
  });
});
