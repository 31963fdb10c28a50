import type Database from 'better-sqlite3';
import {
  checkExpectedRevision,
  resolveIdempotentReplay,
  revisionMatches,
  type StoredEventRef,
} from '../append-checks';
import { WrongExpectedRevisionError } from '../event-store.errors';
import type { AppendResult, ExpectedRevision } from '../event-store.port';

/** An append waiting for the next group commit; its JSON is already serialized. */
export interface PendingAppend {
  readonly streamId: string;
  readonly expected: ExpectedRevision;
  readonly ids: readonly string[];
  /** [id, type, data JSON, metadata JSON] per event. */
  readonly rows: ReadonlyArray<readonly [string, string, string, string]>;
  readonly resolve: (result: AppendResult) => void;
  readonly reject: (error: unknown) => void;
}

export interface GroupCommitStats {
  /** Write transactions committed. */
  readonly transactions: number;
  /** Appends settled (written, replayed or refused). */
  readonly appends: number;
  /** Batches the fast path gave back to the careful path (an insert hit a stored id). */
  readonly carefulRetries: number;
}

type Outcome = AppendResult | Error;

const MAX_BATCH_APPENDS = 1000;
const MAX_BATCH_EVENTS = 10_000;
const REVISION_CACHE_LIMIT = 100_000;

/**
 * Group commit. With synchronous=FULL every commit waits for an fsync, so one transaction per
 * append would cap the store at one append per fsync and make every writer queue behind the
 * disk. Instead, appends that arrive in the same event-loop turn wait in a queue; one
 * `setImmediate` later they are written in ONE transaction, and only after its COMMIT (and so
 * its fsync) returns is any of them resolved. One fsync is shared by the whole batch, and no
 * append is acknowledged before it is durable.
 *
 * Each append in the batch is checked on its own, against the stream as the earlier appends of
 * the same batch left it, so a refused append fails alone and two appends to one stream in one
 * batch see each other's revisions. Fast path: the checks run before any insert of that append
 * (last revision from a cache, no id lookup); an insert can then only fail when an id is already
 * stored, and that rare case rolls the batch back and replays it on the careful path below, with
 * a savepoint and an id lookup per append.
 */
export class SqliteGroupCommit {
  private queue: PendingAppend[] = [];
  private scheduled = false;
  private committedTransactions = 0;
  private settledAppends = 0;
  private carefulRetries = 0;
  /** Last revision per stream as of our last commit; dropped whenever another connection
   * commits (PRAGMA data_version moves), so another process's appends are never missed. */
  private readonly revisions = new Map<string, number>();
  private dataVersion = -1;
  /** Revisions written by the open transaction, in batch order (later appends see earlier). */
  private readonly uncommitted = new Map<string, number>();
  private readonly fastBatch: Database.Transaction<
    (batch: PendingAppend[], now: number) => Outcome[]
  >;
  private readonly carefulBatch: Database.Transaction<
    (batch: PendingAppend[], now: number) => Outcome[]
  >;
  private readonly carefulAppend: Database.Transaction<
    (append: PendingAppend, now: number) => AppendResult
  >;
  private readonly insert: Database.Statement;
  private readonly lastRevision: Database.Statement;
  private readonly byId: Database.Statement;
  private readonly version: Database.Statement;

  constructor(
    db: Database.Database,
    private readonly onCommitted: () => void,
  ) {
    this.insert = db.prepare(
      'INSERT INTO events (id, stream_id, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.lastRevision = db
      .prepare('SELECT max(revision) FROM events WHERE stream_id = ?')
      .pluck(true);
    this.byId = db.prepare(
      'SELECT id, stream_id AS streamId, revision, position FROM events WHERE id = ?',
    );
    this.version = db.prepare('PRAGMA data_version').pluck(true);
    this.fastBatch = db.transaction((batch: PendingAppend[], now: number) =>
      this.writeFast(batch, now),
    );
    this.carefulBatch = db.transaction((batch: PendingAppend[], now: number) =>
      batch.map((append) => {
        try {
          return this.carefulAppend(append, now); // nested: runs inside a SAVEPOINT
        } catch (error) {
          return error as Error;
        }
      }),
    );
    this.carefulAppend = db.transaction((append: PendingAppend, now: number) =>
      this.writeCareful(append, now),
    );
  }

  enqueue(append: PendingAppend): void {
    this.queue.push(append);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(this.flush);
    }
  }

  /** Writes everything queued, now. */
  drain(): void {
    while (this.queue.length > 0) this.writeBatch(this.take());
  }

  get stats(): GroupCommitStats {
    return {
      transactions: this.committedTransactions,
      appends: this.settledAppends,
      carefulRetries: this.carefulRetries,
    };
  }

  private readonly flush = (): void => {
    this.scheduled = false;
    if (this.queue.length === 0) return;
    this.writeBatch(this.take());
    if (this.queue.length > 0 && !this.scheduled) {
      // Over the cap: the rest goes in the next turn, so I/O callbacks get a look in between.
      this.scheduled = true;
      setImmediate(this.flush);
    }
  };

  private take(): PendingAppend[] {
    let events = 0;
    let count = 0;
    while (count < this.queue.length && count < MAX_BATCH_APPENDS) {
      events += this.queue[count]!.rows.length;
      if (count > 0 && events > MAX_BATCH_EVENTS) break;
      count += 1;
    }
    return this.queue.splice(0, count);
  }

  private writeBatch(batch: PendingAppend[]): void {
    const now = Date.now();
    let outcomes: Outcome[];
    try {
      outcomes = this.fastBatch.immediate(batch, now);
      this.committed();
    } catch {
      this.uncommitted.clear();
      this.carefulRetries += 1;
      try {
        outcomes = this.carefulBatch.immediate(batch, now);
        this.committed();
      } catch (error) {
        this.uncommitted.clear();
        outcomes = batch.map(() => error as Error); // the transaction itself failed (I/O, lock)
      }
    }
    let written = false;
    batch.forEach((append, index) => {
      const outcome = outcomes[index]!;
      if (outcome instanceof Error) {
        append.reject(outcome);
      } else {
        written ||= outcome.written;
        append.resolve(outcome);
      }
    });
    this.settledAppends += batch.length;
    if (written) this.onCommitted();
  }

  /** Revisions become cache entries only once their transaction has committed. */
  private committed(): void {
    this.committedTransactions += 1;
    if (this.revisions.size + this.uncommitted.size > REVISION_CACHE_LIMIT) this.revisions.clear();
    for (const [streamId, revision] of this.uncommitted) this.revisions.set(streamId, revision);
    this.uncommitted.clear();
  }

  private writeFast(batch: PendingAppend[], now: number): Outcome[] {
    this.beginWrite();
    return batch.map((append): Outcome => {
      const actual = this.currentRevision(append.streamId);
      if (!revisionMatches(append.expected, actual)) {
        // Maybe a retry whose expectation went stale; otherwise a genuine conflict.
        try {
          return (
            resolveIdempotentReplay(append.streamId, append.ids, this.storedRefs(append.ids)) ??
            new WrongExpectedRevisionError(append.streamId, append.expected, actual)
          );
        } catch (error) {
          return error as Error;
        }
      }
      return this.insertRows(append, actual, now); // throws if an id exists: careful path
    });
  }

  private writeCareful(append: PendingAppend, now: number): AppendResult {
    this.beginWrite();
    const replay = resolveIdempotentReplay(
      append.streamId,
      append.ids,
      this.storedRefs(append.ids),
    );
    if (replay !== undefined) return replay;
    const actual = (this.lastRevision.get(append.streamId) as number | null) ?? -1;
    checkExpectedRevision(append.streamId, append.expected, actual);
    return this.insertRows(append, actual, now);
  }

  /** First statement of every write transaction: forget cached revisions if anyone else wrote. */
  private beginWrite(): void {
    const version = this.version.get() as number;
    if (version !== this.dataVersion) {
      this.revisions.clear();
      this.dataVersion = version;
    }
  }

  private currentRevision(streamId: string): number {
    const cached = this.uncommitted.get(streamId) ?? this.revisions.get(streamId);
    if (cached !== undefined) return cached;
    return (this.lastRevision.get(streamId) as number | null) ?? -1;
  }

  private storedRefs(ids: readonly string[]): StoredEventRef[] {
    return ids.flatMap((id) => (this.byId.get(id) as StoredEventRef | undefined) ?? []);
  }

  private insertRows(append: PendingAppend, actual: number, now: number): AppendResult {
    let revision = actual;
    let position = 0;
    for (const [id, type, data, metadata] of append.rows) {
      revision += 1;
      position = Number(
        this.insert.run(id, append.streamId, revision, type, data, metadata, now).lastInsertRowid,
      );
    }
    this.uncommitted.set(append.streamId, revision);
    return { nextExpectedRevision: revision, position, written: true };
  }
}
