import { Pool } from 'pg';
import { retryConcurrentDdl } from './ddl-retry';
import {
  type CheckpointStore,
  CheckpointStoreClosedError,
  validateCheckpoint,
} from '../checkpoint-store.port';

export interface PostgresCheckpointStoreOptions {
  readonly connectionString: string;
  /**
   * Schema of the `relay_checkpoints` table; created if missing. Default `event_store`, the
   * event store's: dropping the store's schema resets its checkpoints with it.
   */
  readonly schema?: string;
  /** Default 2: saves are sequential per relay; one spare for loads. */
  readonly poolSize?: number;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,39}$/;
/** First key of the advisory lock that guards table creation (arbitrary, "SwRl"). */
const DDL_LOCK_CLASS = 0x5377526c;

/**
 * Checkpoints in a PostgreSQL table. The save is one upsert whose update only applies to a
 * higher position, so it is monotonic across connections and processes without a lock.
 */
export class PostgresCheckpointStore implements CheckpointStore {
  private closed = false;
  private readonly loadSql: string;
  private readonly saveSql: string;

  private constructor(
    private readonly pool: Pool,
    schema: string,
  ) {
    const table = `"${schema}".relay_checkpoints`;
    this.loadSql = `SELECT position FROM ${table} WHERE name = $1`;
    this.saveSql = `INSERT INTO ${table} AS c (name, position, updated_at) VALUES ($1, $2, now())
      ON CONFLICT (name) DO UPDATE SET position = excluded.position, updated_at = now()
      WHERE c.position < excluded.position`;
  }

  static async open(options: PostgresCheckpointStoreOptions): Promise<PostgresCheckpointStore> {
    const schema = options.schema ?? 'event_store';
    if (!SCHEMA_NAME.test(schema)) {
      throw new Error(`Invalid schema name "${schema}": use [a-z_][a-z0-9_]*, at most 40 chars`);
    }
    const pool = new Pool({
      connectionString: options.connectionString,
      max: options.poolSize ?? 2,
      application_name: `switchboard-relay:${schema}`,
    });
    // An idle pooled client that loses its connection emits here; the pool replaces it.
    pool.on('error', () => undefined);
    try {
      await retryConcurrentDdl(() => ensureTable(pool, schema));
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw error;
    }
    return new PostgresCheckpointStore(pool, schema);
  }

  async load(name: string): Promise<number | undefined> {
    this.assertOpen();
    validateCheckpoint(name);
    const result = await this.pool.query<{ position: string }>(this.loadSql, [name]);
    const row = result.rows[0];
    // bigint arrives as text; positions are safe integers by the port's rules.
    return row === undefined ? undefined : Number(row.position);
  }

  async save(name: string, position: number): Promise<void> {
    this.assertOpen();
    validateCheckpoint(name, position);
    await this.pool.query(this.saveSql, [name, position]);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  private assertOpen(): void {
    if (this.closed) throw new CheckpointStoreClosedError('PostgreSQL');
  }
}

/**
 * `IF NOT EXISTS` alone races when two processes start at once (a concurrent CREATE can fail
 * on the catalog's unique index), so the DDL runs under an advisory lock keyed by the schema.
 */
async function ensureTable(pool: Pool, schema: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [DDL_LOCK_CLASS, schema]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS "${schema}".relay_checkpoints (
         name text COLLATE "C" PRIMARY KEY,
         position bigint NOT NULL CHECK (position >= 0),
         updated_at timestamptz NOT NULL
       )`,
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
