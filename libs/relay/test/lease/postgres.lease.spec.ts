import { realInfraAvailable } from '@switchboard/testing';
import { POSTGRES, TEST_DATABASE_URL } from '@switchboard/testing/postgres.infra';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { afterAll, describe } from 'vitest';
import { PostgresLease } from '../../src/lease/postgres.lease';
import { describeLeaseContract } from '../contract/lease.contract';

describe('PostgresLease', async () => {
  const available = await realInfraAvailable(POSTGRES);
  describe.skipIf(!available)('against a real server', () => {
    const schema = `lease_${randomBytes(4).toString('hex')}`;
    afterAll(async () => {
      const client = new Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).finally(() => client.end());
    });
    describeLeaseContract('PostgreSQL', () =>
      PostgresLease.open({ connectionString: TEST_DATABASE_URL, schema }),
    );
  });
});
