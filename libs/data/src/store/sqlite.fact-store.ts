import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Fact } from '../domain/fact';
import {
  checkFacts,
  checkPositions,
  FactStoreClosedError,
  highestPositions,
  matchesNothing,
} from './fact-store.checks';
import type { FactQuery, PartitionPosition } from './fact-store.port';
import { SqliteFactQueries } from './sqlite.fact-queries';
import type { BulkLoadingFactStore } from './fact-store.bulk';
import {
  configureFactConnection,
  DROP_READ_INDEXES_DDL,
  ensureFactSchema,
  READ_INDEXES_DDL,
} from './sqlite.fact-schema';

export interface SqliteFactStoreOptions {
  /** Database file (its directory is created), or `:memory:` for tests. */
  readonly filename: string;
}

interface PendingAppend {
  readonly facts: readonly Fact[];
  readonly positions: readonly PartitionPosition[];
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * The embedded read model (FactStore port) on better-sqlite3. Appends issued in one event-loop
 * turn (the projector's partitions each await their own) are written in ONE transaction a
 * `setImmediate` later: a transaction costs far more than a row, so this multiplies
 * throughput under a live stream. If the shared transaction fails, each append is retried in
 * its own, so one caller's failure is never another's.
 */
export class SqliteFactStore implements BulkLoadingFactStore {
  private readonly queries: SqliteFactQueries;
  private readonly insertFact: Database.Statement;
  private readonly upsertPosition: Database.Statement;
  private readonly writeMany: (batch: readonly PendingAppend[]) => void;
  private queue: PendingAppend[] = [];
  private scheduled = false;
  private closed = false;

  private constructor(private readonly db: Database.Database) {
    this.queries = new SqliteFactQueries(db);
    this.insertFact = db.prepare(
      'INSERT OR IGNORE INTO facts (id, subject, kind, at, revision, data) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.upsertPosition = db.prepare(
      `INSERT INTO positions (topic, partition, offset) VALUES (?, ?, ?)
       ON CONFLICT (topic, partition) DO UPDATE SET offset = excluded.offset
       WHERE excluded.offset > positions.offset`,
    );
    this.writeMany = db.transaction((batch: readonly PendingAppend[]) => {
      for (const append of batch) this.write(append);
    });
  }

  static open(options: SqliteFactStoreOptions): Promise<SqliteFactStore> {
    const inMemory = options.filename === ':memory:' || options.filename === '';
    if (!inMemory) mkdirSync(dirname(resolve(options.filename)), { recursive: true });
    const db = new Database(options.filename);
    try {
      configureFactConnection(db);
      ensureFactSchema(db);
    } catch (error) {
      db.close();
      return Promise.reject(error as Error);
    }
    return Promise.resolve(new SqliteFactStore(db));
  }

  append(facts: readonly Fact[], positions: readonly PartitionPosition[]): Promise<void> {
    try {
      this.assertOpen();
      checkFacts(facts);
      checkPositions(positions);
    } catch (error) {
      return Promise.reject(error as Error);
    }
    // Serialized now: a caller mutating its objects after the call must not change the write.
    const rows = facts.map((fact) => ({ ...fact, data: JSON.stringify(fact.data) }));
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ facts: rows as unknown as Fact[], positions, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(this.flush);
      }
    });
  }

  positions(): Promise<PartitionPosition[]> {
    return this.read(() => this.queries.positions());
  }

  find(query: FactQuery): Promise<Fact[]> {
    return this.read(() => (matchesNothing(query) ? [] : this.queries.find(query)));
  }

  subjects(query: FactQuery): Promise<string[]> {
    return this.read(() => (matchesNothing(query) ? [] : this.queries.subjects(query)));
  }

  count(): Promise<number> {
    return this.read(() => this.queries.count());
  }

  reset(): Promise<void> {
    return this.read(() => {
      this.drain();
      this.db.exec('DELETE FROM facts; DELETE FROM positions;');
    });
  }

  /**
   * For a rebuild into the emptied store: drops the read indexes, so each fact costs two b-tree
   * inserts (table, id) instead of four; `endBulkLoad` builds them in one sorted pass. A crash
   * in between is repaired by the next `open` (the schema creates missing indexes).
   */
  beginBulkLoad(): Promise<void> {
    return this.read(() => {
      this.drain();
      this.db.exec(DROP_READ_INDEXES_DDL);
    });
  }

  endBulkLoad(): Promise<void> {
    return this.read(() => {
      this.drain();
      this.db.exec(READ_INDEXES_DDL);
      this.db.exec('ANALYZE');
    });
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.drain();
    this.closed = true;
    this.db.close();
    return Promise.resolve();
  }

  private read<T>(body: () => T): Promise<T> {
    try {
      this.assertOpen();
      return Promise.resolve(body());
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }

  private readonly flush = (): void => {
    this.scheduled = false;
    if (!this.closed) this.drain();
  };

  private drain(): void {
    const batch = this.queue;
    if (batch.length === 0) return;
    this.queue = [];
    try {
      this.writeMany(batch);
      for (const append of batch) append.resolve();
    } catch {
      for (const append of batch) this.writeAlone(append);
    }
  }

  private writeAlone(append: PendingAppend): void {
    try {
      this.writeMany([append]);
      append.resolve();
    } catch (error) {
      append.reject(error);
    }
  }

  private write(append: PendingAppend): void {
    for (const fact of append.facts) {
      this.insertFact.run(fact.id, fact.subject, fact.kind, fact.at, fact.revision, fact.data);
    }
    for (const position of highestPositions(append.positions)) {
      this.upsertPosition.run(position.topic, position.partition, BigInt(position.offset));
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new FactStoreClosedError();
  }
}
export { FactStoreClosedError } from './fact-store.checks';
