import { randomBytes } from 'node:crypto';
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

/**
 * Fresh schema names for one suite, `<prefix>_<run id>_<n>`, so parallel files and earlier runs
 * never meet; `dropAll()` (in `afterAll`) drops every one handed out.
 */
export function testSchemas(prefix: string): { next(): string; dropAll(): Promise<void> } {
  const run = randomBytes(4).toString('hex');
  const names: string[] = [];
  return {
    next() {
      const name = `${prefix}_${run}_${names.length}`;
      names.push(name);
      return name;
    },
    async dropAll() {
      const client = new Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      try {
        for (const name of names) await client.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}
