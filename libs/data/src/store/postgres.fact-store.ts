import { Pool, type PoolClient } from 'pg';
import type { Fact } from '../domain/fact';
import {
  checkFacts,
  checkPositions,
  highestPositions,
  matchesNothing,
  prefixUpperBound,
} from './fact-store.checks';
import type { FactQuery, FactStore, PartitionPosition } from './fact-store.port';
import { factSchemaDdl, quoteIdent } from './postgres.fact-schema';

export interface PostgresFactStoreOptions {
  readonly connectionString: string;
  /** Schema holding the read model's tables (created if missing). Default `data`. */
  readonly schema?: string;
  /** Pool size. Default 5. */
  readonly maxConnections?: number;
}

interface FactRow {
  readonly id: string;
  readonly subject: string;
  readonly kind: string;
  readonly at: string;
  readonly revision: string;
  readonly data: Fact['data'];
}

/**
 * The production read model (FactStore port) on PostgreSQL. An append is one transaction: the
 * facts in one `INSERT … SELECT unnest(…) ON CONFLICT DO NOTHING`, then one upsert per
 * partition that keeps `GREATEST(stored, new)` of the numeric offsets.
 */
export class PostgresFactStore implements FactStore {
  private readonly t: { facts: string; positions: string };
  private closed = false;

  private constructor(
    private readonly pool: Pool,
    schema: string,
  ) {
    const s = quoteIdent(schema);
    this.t = { facts: `${s}.facts`, positions: `${s}.positions` };
  }

  static async open(options: PostgresFactStoreOptions): Promise<PostgresFactStore> {
    const schema = options.schema ?? 'data';
    const pool = new Pool({
      connectionString: options.connectionString,
      max: options.maxConnections ?? 5,
      application_name: `switchboard-data-${schema}`,
    });
    pool.on('error', () => undefined); // an idle client's error; the next query reports it
    try {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`data:${schema}`]);
        for (const statement of factSchemaDdl(schema)) await client.query(statement);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw error;
    }
    return new PostgresFactStore(pool, schema);
  }

  async append(facts: readonly Fact[], positions: readonly PartitionPosition[]): Promise<void> {
    this.assertOpen();
    checkFacts(facts);
    checkPositions(positions);
    if (facts.length === 0 && positions.length === 0) return;
    await this.transaction(async (client) => {
      if (facts.length > 0) {
        await client.query(
          `INSERT INTO ${this.t.facts} (id, subject, kind, at, revision, data)
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::json[])
           ON CONFLICT (id) DO NOTHING`,
          [
            facts.map((f) => f.id),
            facts.map((f) => f.subject),
            facts.map((f) => f.kind),
            facts.map((f) => f.at),
            facts.map((f) => f.revision),
            facts.map((f) => JSON.stringify(f.data)),
          ],
        );
      }
      for (const position of highestPositions(positions)) {
        await client.query(
          `INSERT INTO ${this.t.positions} AS p (topic, partition, "offset") VALUES ($1, $2, $3)
           ON CONFLICT (topic, partition)
           DO UPDATE SET "offset" = GREATEST(p."offset", excluded."offset")`,
          [position.topic, position.partition, position.offset],
        );
      }
    });
  }

  async positions(): Promise<PartitionPosition[]> {
    this.assertOpen();
    const result = await this.pool.query<{ topic: string; partition: number; offset: string }>(
      `SELECT topic, partition, "offset"::text AS "offset" FROM ${this.t.positions}
       ORDER BY topic, partition`,
    );
    return result.rows.map((row) => ({ ...row }));
  }

  async find(query: FactQuery): Promise<Fact[]> {
    this.assertOpen();
    if (matchesNothing(query)) return [];
    const where = whereOf(query);
    const result = await this.pool.query<FactRow>(
      `SELECT id, subject, kind, at, revision, data FROM ${this.t.facts}${where.sql}
       ORDER BY subject, at, revision, id`,
      where.params,
    );
    return result.rows.map((row) => ({ ...row, revision: Number(row.revision) }));
  }

  async subjects(query: FactQuery): Promise<string[]> {
    this.assertOpen();
    if (matchesNothing(query)) return [];
    const where = whereOf(query);
    const result = await this.pool.query<{ subject: string }>(
      `SELECT DISTINCT subject FROM ${this.t.facts}${where.sql} ORDER BY subject`,
      where.params,
    );
    return result.rows.map((row) => row.subject);
  }

  async count(): Promise<number> {
    this.assertOpen();
    const result = await this.pool.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM ${this.t.facts}`,
    );
    return Number(result.rows[0]!.n);
  }

  async reset(): Promise<void> {
    this.assertOpen();
    await this.pool.query(`TRUNCATE ${this.t.facts}, ${this.t.positions}`);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  private async transaction(body: (client: PoolClient) => Promise<void>): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await body(client);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('The fact store is closed');
  }
}

function whereOf(query: FactQuery): { sql: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const add = (clause: (n: string) => string, value: unknown): void => {
    params.push(value);
    clauses.push(clause(`$${params.length}`));
  };
  if (query.subjects !== undefined) add((n) => `subject = ANY(${n}::text[])`, query.subjects);
  const prefix = query.subjectPrefix;
  if (prefix !== undefined && prefix.length > 0) {
    add((n) => `subject >= ${n}`, prefix);
    const upper = prefixUpperBound(prefix);
    if (upper !== undefined) add((n) => `subject < ${n}`, upper);
    add((n) => `starts_with(subject, ${n})`, prefix);
  }
  if (query.from !== undefined) add((n) => `at >= ${n}`, query.from);
  if (query.to !== undefined) add((n) => `at < ${n}`, query.to);
  if (query.kinds !== undefined) add((n) => `kind = ANY(${n}::text[])`, query.kinds);
  return { sql: clauses.length === 0 ? '' : ` WHERE ${clauses.join(' AND ')}`, params };
}
