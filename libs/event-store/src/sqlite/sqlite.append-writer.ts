import type Database from 'better-sqlite3';
import {
  checkExpectedRevision,
  resolveIdempotentReplay,
  revisionMatches,
  type StoredEventRef,
} from '../append-checks';
import { WrongExpectedRevisionError } from '../event-store.errors';
import type { AppendResult } from '../event-store.port';
import {
  type AppendOutcome,
  type AppendRequest,
  GroupRefused,
  type WriteOutcome,
  type WriteRequest,
} from './sqlite.append-request';
import { SqliteRevisionCache, type StreamHead } from './sqlite.revision-cache';

/**
 * Writes a batch of appends in ONE write transaction, checking each append on its own against
 * the stream as the earlier appends of the same batch left it: a refused append fails alone,
 * and two appends to one stream in one batch see each other's revisions.
 *
 * Fast path: every check runs before any insert of that append (stream number and last revision
 * from SqliteRevisionCache, no id lookup), so an insert can only fail when one of its ids is
 * already stored in its stream. That rare case rolls the batch back and writes it again on the
 * careful path: a SAVEPOINT and an id lookup per append, the idempotency decision before the
 * revision check.
 *
 * An atomic request (several streams, all or nothing) runs its appends, checked the same way,
 * inside a SAVEPOINT of its own: one refusal rolls the group back and fails it alone.
 */
export class SqliteAppendWriter {
  transactions = 0;
  carefulRetries = 0;
  private readonly revisions: SqliteRevisionCache;
  private readonly fastBatch: Database.Transaction<
    (batch: readonly WriteRequest[], now: number) => WriteOutcome[]
  >;
  private readonly carefulBatch: Database.Transaction<
    (batch: readonly WriteRequest[], now: number) => WriteOutcome[]
  >;
  /** Nested, so a SAVEPOINT: `write` writes one append, throwing to refuse it. */
  private readonly group: Database.Transaction<
    (
      group: readonly AppendRequest[],
      write: (append: AppendRequest) => AppendResult,
    ) => AppendResult[]
  >;
  private readonly carefulAppend: Database.Transaction<
    (append: AppendRequest, now: number) => AppendResult
  >;
  private readonly insert: Database.Statement;
  private readonly newStream: Database.Statement;
  private readonly byId: Database.Statement;

  constructor(db: Database.Database) {
    this.insert = db.prepare(
      'INSERT INTO events (id, stream_id, stream, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.newStream = db.prepare('INSERT INTO streams (stream_id) VALUES (?)');
    // Within the stream only, as on EventStoreDB (D49): no global index of event ids.
    this.byId = db.prepare(
      'SELECT id, stream_id AS streamId, revision, position FROM events WHERE stream = ? AND id = ?',
    );
    this.revisions = new SqliteRevisionCache(db);
    this.fastBatch = db.transaction((batch: readonly WriteRequest[], now: number) =>
      this.writeFast(batch, now),
    );
    this.carefulBatch = db.transaction((batch: readonly WriteRequest[], now: number) =>
      batch.map((request) => {
        if ('atomic' in request) {
          return this.writeGroup(request.atomic, (append) => {
            try {
              return this.carefulAppend(append, now);
            } catch (error) {
              throw new GroupRefused(error as Error);
            }
          });
        }
        try {
          return this.carefulAppend(request, now); // nested: runs inside a SAVEPOINT
        } catch (error) {
          return error as Error;
        }
      }),
    );
    this.group = db.transaction(
      (group: readonly AppendRequest[], write: (append: AppendRequest) => AppendResult) =>
        group.map(write),
    );
    this.carefulAppend = db.transaction((append: AppendRequest, now: number) =>
      this.writeCareful(append, now),
    );
  }

  /** One outcome per append, in order; every append fails if the transaction itself does. */
  write(batch: readonly WriteRequest[]): WriteOutcome[] {
    const now = Date.now();
    try {
      const outcomes = this.fastBatch.immediate(batch, now);
      this.committed();
      return outcomes;
    } catch {
      this.revisions.rolledBack();
      this.carefulRetries += 1;
    }
    try {
      const outcomes = this.carefulBatch.immediate(batch, now);
      this.committed();
      return outcomes;
    } catch (error) {
      this.revisions.rolledBack();
      return batch.map(() => error as Error); // the transaction itself failed (I/O, lock)
    }
  }

  private committed(): void {
    this.transactions += 1;
    this.revisions.committed();
  }

  private writeFast(batch: readonly WriteRequest[], now: number): WriteOutcome[] {
    this.revisions.beginWrite();
    return batch.map((request): WriteOutcome => {
      if (!('atomic' in request)) return this.appendFast(request, now);
      return this.writeGroup(request.atomic, (append) => {
        const outcome = this.appendFast(append, now);
        if (outcome instanceof Error) throw new GroupRefused(outcome);
        return outcome;
      });
    });
  }

  /**
   * A group's appends in one SAVEPOINT: a refusal (`write` throws GroupRefused) rolls the group
   * back, its cached revisions too, and is the group's outcome. Any other error propagates, as
   * it would for a single append (on the fast path: an insert hit a stored id).
   */
  private writeGroup(
    group: readonly AppendRequest[],
    write: (append: AppendRequest) => AppendResult,
  ): AppendResult[] | Error {
    const rollBack = this.revisions.savepoint(group.map((append) => append.streamId));
    try {
      return this.group(group, write);
    } catch (error) {
      if (!(error instanceof GroupRefused)) throw error;
      rollBack();
      return error.refusal;
    }
  }

  private appendFast(append: AppendRequest, now: number): AppendOutcome {
    const head = this.revisions.current(append.streamId);
    if (!revisionMatches(append.expected, head.revision)) {
      // Maybe a retry whose expectation went stale; otherwise a genuine conflict.
      try {
        return (
          resolveIdempotentReplay(append.streamId, append.ids, this.storedRefs(head, append.ids)) ??
          new WrongExpectedRevisionError(append.streamId, append.expected, head.revision)
        );
      } catch (error) {
        return error as Error;
      }
    }
    return this.insertRows(append, head, now); // throws if an id exists: careful path
  }

  private writeCareful(append: AppendRequest, now: number): AppendResult {
    this.revisions.beginWrite();
    const head = this.revisions.stored(append.streamId);
    const replay = resolveIdempotentReplay(
      append.streamId,
      append.ids,
      this.storedRefs(head, append.ids),
    );
    if (replay !== undefined) return replay;
    checkExpectedRevision(append.streamId, append.expected, head.revision);
    return this.insertRows(append, head, now);
  }

  /** Where the ids are already stored in the stream (none when there is no stream yet). */
  private storedRefs(head: StreamHead, ids: readonly string[]): StoredEventRef[] {
    if (head.num < 0) return [];
    return ids.flatMap((id) => (this.byId.get(head.num, id) as StoredEventRef | undefined) ?? []);
  }

  private insertRows(append: AppendRequest, head: StreamHead, now: number): AppendResult {
    const { streamId } = append;
    // A new stream is numbered by its first append; a rollback takes the number back.
    const num = head.num >= 0 ? head.num : Number(this.newStream.run(streamId).lastInsertRowid);
    let revision = head.revision;
    let position = 0;
    for (const [id, type, data, metadata] of append.rows) {
      revision += 1;
      position = Number(
        this.insert.run(id, streamId, num, revision, type, data, metadata, now).lastInsertRowid,
      );
    }
    this.revisions.wrote(streamId, num, revision);
    return { nextExpectedRevision: revision, position, written: true };
  }
}
