import { realInfraAvailable } from '@switchboard/testing';
import { POSTGRES, TEST_DATABASE_URL, testSchemas } from '@switchboard/testing/postgres.infra';
import { afterAll, describe } from 'vitest';
import { PostgresFactStore } from '../src/store/postgres.fact-store';
import { describeFactStoreContract } from './fact-store.contract';

// Async factory: Vitest awaits it while collecting, so the probe decides run, skip or fail.
describe('PostgresFactStore', async () => {
  const available = await realInfraAvailable(POSTGRES);
  describe.skipIf(!available)('against a real server', () => {
    const schemas = testSchemas('data_test');
    afterAll(() => schemas.dropAll());

    describeFactStoreContract('postgres', () => {
      return PostgresFactStore.open({
        connectionString: TEST_DATABASE_URL,
        schema: schemas.next(),
      });
    });
  });
});
