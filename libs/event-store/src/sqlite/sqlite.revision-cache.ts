import type Database from 'better-sqlite3';

const REVISION_CACHE_LIMIT = 100_000;

/**
 * Last revision per stream, so the append writer's fast path checks an expected revision
 * without a query. Entries come from the writer's own commits only, and are dropped whenever
 * another connection commits (PRAGMA data_version moves), so another process's appends are
 * never missed. Revisions written by the open transaction are kept apart until it commits (later
 * appends of the batch see them; a rollback forgets them).
 */
export class SqliteRevisionCache {
  private readonly revisions = new Map<string, number>();
  private dataVersion = -1;
  private readonly uncommitted = new Map<string, number>();
  private readonly lastRevision: Database.Statement;
  private readonly version: Database.Statement;

  constructor(db: Database.Database) {
    this.lastRevision = db
      .prepare('SELECT max(revision) FROM events WHERE stream_id = ?')
      .pluck(true);
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

  /** The stream's last revision as the open transaction sees it; -1 when there is no stream. */
  current(streamId: string): number {
    const cached = this.uncommitted.get(streamId) ?? this.revisions.get(streamId);
    return cached ?? this.stored(streamId);
  }

  /** Straight from the table (the careful path trusts no cache). */
  stored(streamId: string): number {
    return (this.lastRevision.get(streamId) as number | null) ?? -1;
  }

  /** The open transaction wrote the stream up to `revision`. */
  wrote(streamId: string, revision: number): void {
    this.uncommitted.set(streamId, revision);
  }

  /** Call the result when a SAVEPOINT over these streams rolled back: puts their revisions back. */
  savepoint(streamIds: readonly string[]): () => void {
    const before = new Map(streamIds.map((id) => [id, this.uncommitted.get(id)]));
    return () => {
      for (const [streamId, revision] of before) {
        if (revision === undefined) this.uncommitted.delete(streamId);
        else this.uncommitted.set(streamId, revision);
      }
    };
  }

  /** Revisions become cache entries only once their transaction has committed. */
  committed(): void {
    if (this.revisions.size + this.uncommitted.size > REVISION_CACHE_LIMIT) this.revisions.clear();
    for (const [streamId, revision] of this.uncommitted) this.revisions.set(streamId, revision);
    this.uncommitted.clear();
  }

  rolledBack(): void {
    this.uncommitted.clear();
  }
}
