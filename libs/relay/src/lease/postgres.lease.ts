import { Pool } from 'pg';
import { retryConcurrentDdl } from '../postgres/ddl-retry';
import { type Lease, LeaseClosedError, type LeaseGrant, validateLeaseArgs } from './lease.port';

export interface PostgresLeaseOptions {
  readonly connectionString: string;
  /** Schema of the `relay_leases` table (created if missing). Default `event_store`. */
  readonly schema?: string;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,39}$/;
/** First key of the advisory lock that guards table creation (arbitrary, "SwLs"). */
const DDL_LOCK_CLASS = 0x53774c73;

/**
 * Leases as rows `(name, holder, token, expires_at)`, each change one conditional statement.
 *
 * Why a row and not `pg_try_advisory_lock` on a dedicated connection: an advisory lock lives
 * as long as the session, so a holder whose connection silently died keeps believing it holds
 * the lock while PostgreSQL has already handed it to someone else, and nothing numbers the
 * holders. A row gives the same TTL semantics as the Redis adapter, a fencing token that only
 * grows, expiry measured on ONE clock (the server's `clock_timestamp()`), and works through
 * a transaction-pooling proxy (pgbouncer), where session locks do not.
 */
export class PostgresLease implements Lease {
  private closed = false;
  private readonly acquireSql: string;
  private readonly renewSql: string;
  private readonly releaseSql: string;

  private constructor(
    private readonly pool: Pool,
    schema: string,
  ) {
    const table = `"${schema}".relay_leases`;
    const expiry = `clock_timestamp() + $3 * interval '1 millisecond'`;
    // Taken when free (no row, expired or released) or already ours; the token grows either way.
    this.acquireSql = `INSERT INTO ${table} AS l (name, holder, token, expires_at)
      VALUES ($1, $2, 1, ${expiry})
      ON CONFLICT (name) DO UPDATE
        SET holder = excluded.holder, token = l.token + 1, expires_at = excluded.expires_at
        WHERE l.expires_at <= clock_timestamp() OR l.holder = excluded.holder
      RETURNING token`;
    this.renewSql = `UPDATE ${table} SET expires_at = ${expiry}
      WHERE name = $1 AND holder = $2 AND token = $4 AND expires_at > clock_timestamp()`;
    this.releaseSql = `UPDATE ${table} SET expires_at = '-infinity'
      WHERE name = $1 AND holder = $2 AND token = $3`;
  }

  static async open(options: PostgresLeaseOptions): Promise<PostgresLease> {
    const schema = options.schema ?? 'event_store';
    if (!SCHEMA_NAME.test(schema)) {
      throw new Error(`Invalid schema name "${schema}": use [a-z_][a-z0-9_]*, at most 40 chars`);
    }
    const pool = new Pool({
      connectionString: options.connectionString,
      max: 2,
      application_name: `switchboard-lease:${schema}`,
      // A renew that waits longer than a lease lasts is worthless: fail it and let the keeper
      // decide (it stops publishing at its local deadline anyway).
      connectionTimeoutMillis: 5_000,
    });
    pool.on('error', () => undefined);
    try {
      await retryConcurrentDdl(() => ensureTable(pool, schema));
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw error;
    }
    return new PostgresLease(pool, schema);
  }

  async acquire(name: string, holder: string, ttlMs: number): Promise<LeaseGrant | undefined> {
    this.assertOpen();
    validateLeaseArgs(name, holder, ttlMs);
    const result = await this.pool.query<{ token: string }>(this.acquireSql, [name, holder, ttlMs]);
    const row = result.rows[0];
    return row === undefined ? undefined : { name, holder, token: Number(row.token) };
  }

  async renew(grant: LeaseGrant, ttlMs: number): Promise<boolean> {
    this.assertOpen();
    validateLeaseArgs(grant.name, grant.holder, ttlMs);
    const result = await this.pool.query(this.renewSql, [
      grant.name,
      grant.holder,
      ttlMs,
      grant.token,
    ]);
    return result.rowCount === 1;
  }

  async release(grant: LeaseGrant): Promise<void> {
    this.assertOpen();
    await this.pool.query(this.releaseSql, [grant.name, grant.holder, grant.token]);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  private assertOpen(): void {
    if (this.closed) throw new LeaseClosedError('PostgreSQL');
  }
}

/** Under an advisory lock: concurrent `CREATE ... IF NOT EXISTS` can fail on the catalog. */
async function ensureTable(pool: Pool, schema: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [DDL_LOCK_CLASS, schema]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS "${schema}".relay_leases (
         name text COLLATE "C" PRIMARY KEY,
         holder text NOT NULL,
         token bigint NOT NULL,
         expires_at timestamptz NOT NULL
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
