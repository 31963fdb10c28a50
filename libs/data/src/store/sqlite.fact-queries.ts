import type Database from 'better-sqlite3';
import type { Fact } from '../domain/fact';
import { prefixUpperBound } from './fact-store.checks';
import type { FactQuery, PartitionPosition } from './fact-store.port';

interface FactRow {
  readonly id: string;
  readonly subject: string;
  readonly kind: string;
  readonly at: string;
  readonly revision: number;
  readonly data: string;
}

interface Where {
  readonly sql: string;
  readonly params: unknown[];
  /** Set when the prefix could not be turned into an index range: filter in JS. */
  readonly prefix?: string;
}

/**
 * The read side of SqliteFactStore. Statements are prepared once per query shape (which
 * filters are present); lists travel as one JSON parameter (`json_each`), so a query over
 * thousands of subjects is still one statement with a handful of parameters.
 */
export class SqliteFactQueries {
  private readonly statements = new Map<string, Database.Statement>();
  private readonly countStatement: Database.Statement;
  private readonly positionsStatement: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.countStatement = db.prepare('SELECT count(*) FROM facts').pluck(true);
    this.positionsStatement = db
      .prepare('SELECT topic, partition, offset FROM positions ORDER BY topic, partition')
      .safeIntegers(true);
  }

  find(query: FactQuery): Fact[] {
    const where = whereOf(query);
    const rows = this.statement(
      `SELECT id, subject, kind, at, revision, data FROM facts${where.sql}
       ORDER BY subject, at, revision, id`,
    ).all(...where.params) as FactRow[];
    const facts = rows.map((row): Fact => ({
      id: row.id,
      subject: row.subject,
      kind: row.kind,
      at: row.at,
      revision: row.revision,
      data: JSON.parse(row.data) as Fact['data'],
    }));
    const prefix = where.prefix;
    return prefix === undefined ? facts : facts.filter((f) => f.subject.startsWith(prefix));
  }

  subjects(query: FactQuery): string[] {
    const where = whereOf(query);
    const subjects = this.statement(
      `SELECT DISTINCT subject FROM facts${where.sql} ORDER BY subject`,
    )
      .pluck(true)
      .all(...where.params) as string[];
    const prefix = where.prefix;
    return prefix === undefined ? subjects : subjects.filter((s) => s.startsWith(prefix));
  }

  count(): number {
    return this.countStatement.get() as number;
  }

  positions(): PartitionPosition[] {
    const rows = this.positionsStatement.all() as {
      topic: string;
      partition: bigint;
      offset: bigint;
    }[];
    return rows.map((row) => ({
      topic: row.topic,
      partition: Number(row.partition),
      offset: row.offset.toString(),
    }));
  }

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}

function whereOf(query: FactQuery): Where {
  const clauses: string[] = [];
  const params: unknown[] = [];
  let jsPrefix: string | undefined;
  if (query.subjects !== undefined) {
    clauses.push('subject IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(query.subjects));
  }
  if (query.subjectPrefix !== undefined && query.subjectPrefix.length > 0) {
    const upper = prefixUpperBound(query.subjectPrefix);
    clauses.push('subject >= ?');
    params.push(query.subjectPrefix);
    if (upper === undefined) jsPrefix = query.subjectPrefix;
    else {
      clauses.push('subject < ?');
      params.push(upper);
    }
  }
  if (query.from !== undefined) {
    clauses.push('at >= ?');
    params.push(query.from);
  }
  if (query.to !== undefined) {
    clauses.push('at < ?');
    params.push(query.to);
  }
  if (query.kinds !== undefined) {
    clauses.push('kind IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(query.kinds));
  }
  return {
    sql: clauses.length === 0 ? '' : ` WHERE ${clauses.join(' AND ')}`,
    params,
    ...(jsPrefix === undefined ? {} : { prefix: jsPrefix }),
  };
}
