import { realInfraAvailable } from '@switchboard/testing';
import { POSTGRES, TEST_DATABASE_URL } from '@switchboard/testing/postgres.infra';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { afterAll, describe } from 'vitest';
import { PostgresFactStore } from '../src/store/postgres.fact-store';
import { describeFactStoreContract } from './fact-store.contract';

// Async factory: Vitest awaits it while collecting, so the probe decides run, skip or fail.
describe('PostgresFactStore', async () => {
  const available = await realInfraAvailable(POSTGRES);
  describe.skipIf(!available)('against a real server', () => {
    const runId = randomBytes(4).toString('hex');
    const schemas: string[] = [];

    afterAll(async () => {
      const client = new Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      try {
        for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await client.end();
      }
    });

    describeFactStoreContract('postgres', () => {
      const schema = `data_test_${runId}_${schemas.length}`;
      schemas.push(schema);
      return PostgresFactStore.open({ connectionString: TEST_DATABASE_URL, schema });
    });
  });
});
