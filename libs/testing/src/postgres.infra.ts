import { Client } from 'pg';
import type { RealInfra } from './real-infra';

/** The PostgreSQL that server-backed suites use (`DATABASE_URL`, or the local test database). */
export const TEST_DATABASE_URL =
  process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Gate for PostgreSQL suites: `await realInfraAvailable(POSTGRES)` (REQUIRE_POSTGRES=1 in CI). */
export const POSTGRES: RealInfra = {
  name: 'PostgreSQL',
  requireVar: 'REQUIRE_POSTGRES',
  probe: async () => {
    const client = new Client({
      connectionString: TEST_DATABASE_URL,
      connectionTimeoutMillis: 5_000,
    });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('SELECT 1');
    } finally {
      await client.end().catch(() => undefined);
    }
  },
};
