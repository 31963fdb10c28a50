import { POSTGRES, TEST_DATABASE_URL } from '@switchboard/testing/postgres.infra';
import { PostgresEventStore } from '@switchboard/event-store/postgres/postgres.event-store';
import { realInfraAvailable } from '@switchboard/testing';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { Relay } from '../../src/event.relay';
import { PostgresCheckpointStore } from '../../src/postgres/postgres.checkpoint-store';
import { silentRelayLogger } from '../../src/relay.options';
import {
  appendBatch,
  appendEach,
  eventually,
  range,
  RecordingBus,
  revisionsByKey,
} from '../relay.fixtures';

const connectionString = TEST_DATABASE_URL;

const postgres = POSTGRES;

// The production pairing on one machine: PostgreSQL event store, checkpoints in its schema.
describe('Relay on PostgreSQL', async () => {
  const available = await realInfraAvailable(postgres);
  describe.skipIf(!available)('against a real server', () => {
    const schema = `relay_e2e_${randomBytes(4).toString('hex')}`;
    afterAll(async () => {
      const client = new Client({ connectionString });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).finally(() => client.end());
    });

    it('relays live and caught-up events and resumes from the checkpoint in the store schema', async () => {
      const store = await PostgresEventStore.open({ connectionString, schema });
      const bus = new RecordingBus();
      const routes = [{ streamPrefix: 'consultation-', topic: 'consultation.events.v1' }];
      const open = () => PostgresCheckpointStore.open({ connectionString, schema });
      try {
        await appendBatch(store, 'consultation-pg1', 120);
        const checkpoints = await open();
        const first = new Relay({
          name: 'relay',
          store,
          bus,
          checkpoints,
          routes,
          logger: silentRelayLogger,
        });
        await first.start();
        const live = await appendEach(store, 'consultation-pg2', 5); // through LISTEN/NOTIFY
        await eventually(() => first.stats.checkpoint === live, 'first run caught up');
        await first.stop();
        await checkpoints.close();

        const more = await appendBatch(store, 'consultation-pg2', 10);
        const reopened = await open();
        expect(await reopened.load('relay')).toBe(live);
        const second = new Relay({
          name: 'relay',
          store,
          bus,
          checkpoints: reopened,
          routes,
          logger: silentRelayLogger,
        });
        await second.start();
        await eventually(() => second.stats.checkpoint === more, 'second run caught up');
        await second.stop();
        await reopened.close();

        expect(revisionsByKey(bus.envelopes())).toEqual(
          new Map([
            ['consultation-pg1', range(120)],
            ['consultation-pg2', range(15)],
          ]),
        );
      } finally {
        await store.close();
        await bus.close();
      }
    });
  });
});
