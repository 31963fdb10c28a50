/** unique_violation, duplicate_schema, duplicate_table: what concurrent `IF NOT EXISTS` DDL raises. */
const CONCURRENT_DDL = new Set(['23505', '42P06', '42P07']);

/**
 * Runs idempotent DDL again when a concurrent creator won the race. Advisory locks serialize
 * this library's own DDL, but the event store creates the same schema under its own lock when
 * a process opens both at once (each adapter owns its lock key), and `CREATE SCHEMA IF NOT
 * EXISTS` then fails on the catalog's unique index instead of finding the schema.
 */
export async function retryConcurrentDdl(ddl: () => Promise<void>, attempts = 3): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await ddl();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (attempt >= attempts || typeof code !== 'string' || !CONCURRENT_DDL.has(code)) throw error;
    }
  }
}
