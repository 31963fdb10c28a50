import type Database from 'better-sqlite3';

const REVISION_CACHE_LIMIT = 100_000;

/** A stream's number in the `streams` table and its last revision; both -1: no such stream. */
export interface StreamHead {
  readonly num: number;
  readonly revision: number;
}

const NO_STREAM_HEAD: StreamHead = { num: -1, revision: -1 };

/**
 * Number and last revision per stream, so the append writer's fast path checks an expected
 * revision without a query. Entries come from the writer's own commits only, and are dropped
 * whenever another connection commits (PRAGMA data_version moves), so another process's appends
 * are never missed. Heads written by the open transaction are kept apart until it commits (later
 * appends of the batch see them; a rollback forgets them, and with them any number it gave a new
 * stream, which the next new stream may then get).
 */
export class SqliteRevisionCache {
  private readonly revisions = new Map<string, StreamHead>();
  private dataVersion = -1;
  private readonly uncommitted = new Map<string, StreamHead>();
  private readonly head: Database.Statement;
  private readonly version: Database.Statement;

  constructor(db: Database.Database) {
    this.head = db
      .prepare(
        'SELECT num, (SELECT max(revision) FROM events WHERE stream = num) FROM streams WHERE stream_id = ?',
      )
      .raw(true);
    this.version = db.prepare('PRAGMA data_version').pluck(true);
  }

  /** First statement of every write transaction: forget cached revisions if anyone else wrote. */
  beginWrite(): void {
    const version = this.version.get() as number;
    if (version !== this.dataVersion) {
      this.revisions.clear();
      this.dataVersion = version;
    }
  }

  /** The stream's head as the open transaction sees it. */
  current(streamId: string): StreamHead {
    const cached = this.uncommitted.get(streamId) ?? this.revisions.get(streamId);
    return cached ?? this.stored(streamId);
  }

  /** Straight from the tables (the careful path trusts no cache). */
  stored(streamId: string): StreamHead {
    const row = this.head.get(streamId) as [number, number | null] | undefined;
    return row === undefined ? NO_STREAM_HEAD : { num: row[0], revision: row[1] ?? -1 };
  }

  /** The open transaction wrote the stream (number `num`) up to `revision`. */
  wrote(streamId: string, num: number, revision: number): void {
    this.uncommitted.set(streamId, { num, revision });
  }

  /** Call the result when a SAVEPOINT over these streams rolled back: puts their heads back. */
  savepoint(streamIds: readonly string[]): () => void {
    const before = new Map(streamIds.map((id) => [id, this.uncommitted.get(id)]));
    return () => {
      for (const [streamId, head] of before) {
        if (head === undefined) this.uncommitted.delete(streamId);
        else this.uncommitted.set(streamId, head);
      }
    };
  }

  /** Heads become cache entries only once their transaction has committed. */
  committed(): void {
    if (this.revisions.size + this.uncommitted.size > REVISION_CACHE_LIMIT) this.revisions.clear();
    for (const [streamId, head] of this.uncommitted) this.revisions.set(streamId, head);
    this.uncommitted.clear();
  }

  rolledBack(): void {
    this.uncommitted.clear();
  }
}
