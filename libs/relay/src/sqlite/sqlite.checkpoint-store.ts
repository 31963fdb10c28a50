import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import {
  type CheckpointStore,
  CheckpointStoreClosedError,
  validateCheckpoint,
} from '../checkpoint-store.port';

export interface SqliteCheckpointStoreOptions {
  /**
   * Database file (its directory is created), or `:memory:`. The event store's own file is the
   * intended place: the table sits next to `events`, and deleting the file resets both.
   */
  readonly filename: string;
}

const DDL = `
  CREATE TABLE IF NOT EXISTS relay_checkpoints (
    name       TEXT    PRIMARY KEY,
    position   INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  ) WITHOUT ROWID;
`;

/**
 * Checkpoints in a SQLite table (`relay_checkpoints`) on its own connection.
 *
 * synchronous=NORMAL, not the event store's FULL: a power cut may lose the last save, which
 * only makes the relay publish a batch again (at-least-once). It never loses an event, because
 * a checkpoint only ever points at events that were already durable.
 */
export class SqliteCheckpointStore implements CheckpointStore {
  private closed = false;
  private readonly loadStatement: Database.Statement<[string], number>;
  private readonly saveStatement: Database.Statement<[string, number, number]>;

  private constructor(private readonly db: Database.Database) {
    this.loadStatement = db
      .prepare<[string], number>('SELECT position FROM relay_checkpoints WHERE name = ?')
      .pluck(true);
    // The WHERE on the update makes the save monotonic in one statement, race-free across
    // connections and processes (SQLite has one writer at a time).
    this.saveStatement = db.prepare(
      `INSERT INTO relay_checkpoints (name, position, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at
       WHERE excluded.position > relay_checkpoints.position`,
    );
  }

  static async open(options: SqliteCheckpointStoreOptions): Promise<SqliteCheckpointStore> {
    const inMemory = options.filename === ':memory:' || options.filename === '';
    if (!inMemory) mkdirSync(dirname(resolve(options.filename)), { recursive: true });
    const db = new Database(options.filename);
    try {
      if (!inMemory) db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      // The event store's writer may hold the lock (another process on the file): wait, not fail.
      db.pragma('busy_timeout = 5000');
      db.exec(DDL);
    } catch (error) {
      db.close();
      throw error;
    }
    return new SqliteCheckpointStore(db);
  }

  async load(name: string): Promise<number | undefined> {
    this.assertOpen();
    validateCheckpoint(name);
    return this.loadStatement.get(name);
  }

  async save(name: string, position: number): Promise<void> {
    this.assertOpen();
    validateCheckpoint(name, position);
    this.saveStatement.run(name, position, Date.now());
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }

  private assertOpen(): void {
    if (this.closed) throw new CheckpointStoreClosedError('SQLite');
  }
}
