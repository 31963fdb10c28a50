import { POSTGRES, TEST_DATABASE_URL } from '@switchboard/testing/postgres.infra';
import { realInfraAvailable } from '@switchboard/testing';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { describeCheckpointStoreContract } from '../../test/contract/checkpoint-store.contract';
import { PostgresCheckpointStore } from './postgres.checkpoint-store';

const connectionString = TEST_DATABASE_URL;

const postgres = POSTGRES;

// Async factory: Vitest awaits it while collecting, so the probe decides skip-or-run.
describe('PostgresCheckpointStore', async () => {
  const available = await realInfraAvailable(postgres);
  describe.skipIf(!available)('against a real server', () => {
    const schema = `relay_test_${randomBytes(4).toString('hex')}`;
    afterAll(async () => {
      const client = new Client({ connectionString });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await client.end();
      }
    });

    describeCheckpointStoreContract('postgres', {
      open: () => PostgresCheckpointStore.open({ connectionString, schema }),
      persistent: true,
    });

    it('creates its table once when many stores open at the same moment', async () => {
      const fresh = `${schema}_race`;
      const stores = await Promise.all(
        Array.from({ length: 6 }, () =>
          PostgresCheckpointStore.open({ connectionString, schema: fresh }),
        ),
      );
      try {
        await Promise.all(stores.map((store, i) => store.save('race', i)));
        expect(await stores[0]!.load('race')).toBe(5);
      } finally {
        await Promise.all(stores.map((store) => store.close()));
        const client = new Client({ connectionString });
        await client.connect();
        await client.query(`DROP SCHEMA IF EXISTS ${fresh} CASCADE`).finally(() => client.end());
      }
    });

    it('refuses a schema name that is not a plain identifier', async () => {
      await expect(
        PostgresCheckpointStore.open({ connectionString, schema: 'x"; DROP TABLE y; --' }),
      ).rejects.toThrow(/Invalid schema name/);
    });
  });
});
