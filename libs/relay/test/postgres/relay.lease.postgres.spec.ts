import { PostgresEventStore } from '@switchboard/event-store/postgres/postgres.event-store';
import { realInfraAvailable } from '@switchboard/testing';
import { POSTGRES, TEST_DATABASE_URL } from '@switchboard/testing/postgres.infra';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { Relay } from '../../src/event.relay';
import { LeaseKeeper } from '../../src/lease/lease.keeper';
import { PostgresLease } from '../../src/lease/postgres.lease';
import { PostgresCheckpointStore } from '../../src/postgres/postgres.checkpoint-store';
import { silentRelayLogger } from '../../src/relay.options';
import { appendBatch, eventually, range, RecordingBus, revisionsByKey } from '../relay.fixtures';

const connectionString = TEST_DATABASE_URL;
const TTL_MS = 600;

/** One relay "process": its own pools, its own keeper, the shared schema. */
async function instance(schema: string, store: PostgresEventStore, bus: RecordingBus, id: string) {
  const checkpoints = await PostgresCheckpointStore.open({ connectionString, schema });
  const lease = await PostgresLease.open({ connectionString, schema });
  const keeper = new LeaseKeeper({
    lease,
    name: 'relay',
    holder: id,
    ttlMs: TTL_MS,
    logger: silentRelayLogger,
  });
  const relay = new Relay({
    name: 'relay',
    store,
    bus,
    checkpoints,
    routes: [{ streamPrefix: 'consultation-', topic: 'consultation.events.v1' }],
    logger: silentRelayLogger,
    fence: () => keeper.holds(),
  });
  keeper.start({ start: () => relay.start(), stop: () => relay.stop() });
  return { keeper, relay, lease, checkpoints };
}

// The production pairing: two relay instances on one PostgreSQL, lease and checkpoint in it.
describe('Relay lease on PostgreSQL', async () => {
  const available = await realInfraAvailable(POSTGRES);
  describe.skipIf(!available)('against a real server', () => {
    const schema = `relay_lease_${randomBytes(4).toString('hex')}`;
    afterAll(async () => {
      const client = new Client({ connectionString });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).finally(() => client.end());
    });

    it('one of two instances relays; when it dies the other resumes from the shared checkpoint', async () => {
      const store = await PostgresEventStore.open({ connectionString, schema });
      const bus = new RecordingBus();
      const a = await instance(schema, store, bus, 'instance-a');
      const b = await instance(schema, store, bus, 'instance-b');
      try {
        await appendBatch(store, 'consultation-k1', 50);
        await eventually(() => bus.published.length === 50, 'first 50 published');
        const [active, passive] = a.keeper.holds() ? [a, b] : [b, a];
        expect(passive.keeper.holds()).toBe(false);
        expect(passive.relay.stats.published).toBe(0);

        // "Killed": its lease connection is gone, it never releases; it fences itself.
        await active.lease.close();
        await eventually(() => passive.keeper.holds(), 'takeover within the TTL', 10 * TTL_MS);
        await eventually(() => !active.keeper.holds(), 'the dead holder fenced');
        const publishedByDead = active.relay.stats.published;
        await appendBatch(store, 'consultation-k1', 30);
        await eventually(() => bus.envelopes().length >= 80, 'the next 30 published');
        expect(active.relay.stats.published).toBe(publishedByDead);
        expect(revisionsByKey(bus.envelopes()).get('consultation-k1')).toEqual(range(80));
        expect(await passive.checkpoints.load('relay')).toBe(bus.envelopes().at(-1)!.position);
      } finally {
        await a.keeper.stop();
        await b.keeper.stop();
        for (const x of [a, b]) {
          await x.lease.close();
          await x.checkpoints.close();
        }
        await store.close();
        await bus.close();
      }
    }, 30_000);
  });
});
