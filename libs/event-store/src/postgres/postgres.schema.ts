import type { Pool } from 'pg';

/**
 * Table layout of one PostgreSQL event store, all inside one schema:
 *
 * - `events`: the log. `position` is the primary key (global order), `id` is unique (the
 *   idempotency key), `(stream_id, revision)` is unique (dense revisions per stream).
 *   `stream_id` uses the "C" collation so its btree serves `LIKE 'prefix%'` filters.
 * - `streams`: one row per stream with its last revision; appends lock this row, which
 *   serializes writers of one stream across connections and processes.
 * - `global_position`: a single row holding the last assigned position. Appends update it in
 *   the same transaction as the insert, so its row lock is held until commit; see
 *   `postgres.append-statement.ts` for why that matters.
 */
export function schemaDdl(schema: string): string[] {
  const s = quoteIdent(schema);
  return [
    `CREATE SCHEMA IF NOT EXISTS ${s}`,
    `CREATE TABLE IF NOT EXISTS ${s}.events (
       position bigint PRIMARY KEY,
       id uuid NOT NULL,
       stream_id text COLLATE "C" NOT NULL,
       revision bigint NOT NULL,
       type text COLLATE "C" NOT NULL,
       data jsonb NOT NULL,
       metadata jsonb NOT NULL,
       recorded_at timestamptz NOT NULL DEFAULT now(),
       CONSTRAINT events_id_key UNIQUE (id),
       CONSTRAINT events_stream_revision_key UNIQUE (stream_id, revision)
     )`,
    `CREATE INDEX IF NOT EXISTS events_type_position_idx ON ${s}.events (type, position)`,
    `CREATE TABLE IF NOT EXISTS ${s}.streams (
       stream_id text COLLATE "C" PRIMARY KEY,
       revision bigint NOT NULL
     )`,
    `CREATE TABLE IF NOT EXISTS ${s}.global_position (
       singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
       value bigint NOT NULL
     )`,
    `INSERT INTO ${s}.global_position (singleton, value) VALUES (true, 0) ON CONFLICT DO NOTHING`,
  ];
}

/**
 * Creates the schema if it is missing. `IF NOT EXISTS` alone is not enough when two processes
 * start at once (concurrent `CREATE` of the same name can fail with a unique violation in the
 * catalog), so the DDL runs under a transaction-level advisory lock keyed by the schema name.
 */
export async function ensureSchema(pool: Pool, schema: string): Promise<void> {
  try {
    await createSchema(pool, schema);
  } catch (error) {
    // Another component (a relay checkpoint store, a lease) creating the same schema at the same
    // moment under its own lock: the catalog race is lost once, and the second try finds it.
    if (!isCatalogRace(error)) throw error;
    await createSchema(pool, schema);
  }
}

/** unique_violation, duplicate_schema, duplicate_table: what a concurrent CREATE … IF NOT EXISTS raises. */
function isCatalogRace(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === '42P06' || code === '42P07';
}

async function createSchema(pool: Pool, schema: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
      SCHEMA_LOCK_CLASS,
      schema,
    ]);
    for (const statement of schemaDdl(schema)) await client.query(statement);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** First key of the advisory lock that guards schema creation (arbitrary, "SwBd"). */
const SCHEMA_LOCK_CLASS = 0x53774264;

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,39}$/;

/** Schema names are restricted so they are safe in identifiers and in the NOTIFY channel. */
export function validateSchemaName(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) {
    throw new Error(`Invalid schema name "${schema}": use [a-z_][a-z0-9_]*, at most 40 chars`);
  }
  return schema;
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** NOTIFY channel of one store: per schema, so stores in different schemas do not wake each other. */
export function notifyChannel(schema: string): string {
  return `${schema}_events`;
}

/** `application_name` of a store's pooled sessions, to find them in `pg_stat_activity`. */
export function poolApplicationName(schema: string): string {
  return `switchboard-es:${schema}`;
}

/** `application_name` of a store's LISTEN session. */
export function listenerApplicationName(schema: string): string {
  return `switchboard-es-listen:${schema}`;
}
