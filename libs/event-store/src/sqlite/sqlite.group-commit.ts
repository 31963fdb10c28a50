import type { AppendResult } from '../event-store.port';
import { type AppendRequest, type AtomicAppendRequest } from './sqlite.append-request';
import { SqliteAppendWriter } from './sqlite.append-writer';
import type Database from 'better-sqlite3';

/** An append waiting for the next group commit. */
export interface PendingAppend extends AppendRequest {
  readonly resolve: (result: AppendResult) => void;
  readonly reject: (error: unknown) => void;
}

/** Appends to several streams waiting for the next group commit, to be written all or nothing. */
export interface PendingAtomicAppend extends AtomicAppendRequest {
  readonly resolve: (results: AppendResult[]) => void;
  readonly reject: (error: unknown) => void;
}

type Pending = PendingAppend | PendingAtomicAppend;

function rowsOf(pending: Pending): number {
  return 'atomic' in pending
    ? pending.atomic.reduce((n, append) => n + append.rows.length, 0)
    : pending.rows.length;
}

/** Per row, besides its JSON: the id, stream id, type and the indexes' entries, roughly. */
const ROW_OVERHEAD_BYTES = 128;

/** About what a batch adds to the WAL (its JSON and a fixed overhead per row). */
export function bytesOf(batch: readonly Pending[]): number {
  let bytes = 0;
  for (const pending of batch) {
    for (const append of 'atomic' in pending ? pending.atomic : [pending]) {
      for (const row of append.rows) bytes += row[2].length + row[3].length + ROW_OVERHEAD_BYTES;
    }
  }
  return bytes;
}

export interface GroupCommitStats {
  /** Write transactions committed. */
  readonly transactions: number;
  /** Appends settled (written, replayed or refused). */
  readonly appends: number;
  /** Batches the fast path gave back to the careful path (an insert hit a stored id). */
  readonly carefulRetries: number;
}

const MAX_BATCH_APPENDS = 1000;
const MAX_BATCH_EVENTS = 10_000;

/**
 * Group commit. With synchronous=FULL every commit waits for an fsync, so one transaction per
 * append would cap the store at one append per fsync and make every writer queue behind the
 * disk. Instead, appends that arrive in the same event-loop turn wait in a queue; one
 * `setImmediate` later they are written in ONE transaction (see SqliteAppendWriter), and only
 * after its COMMIT, and so its fsync, has returned is any of them resolved. The whole batch
 * shares one fsync, and no append is acknowledged before it is durable.
 *
 * `setImmediate` rather than a microtask: appends arriving from different socket callbacks in
 * one poll phase then share a commit too, and writers resumed by the previous commit's
 * resolutions enqueue again before the next one.
 */
export class SqliteGroupCommit {
  private queue: Pending[] = [];
  private scheduled = false;
  private settledAppends = 0;
  private readonly writer: SqliteAppendWriter;

  constructor(
    db: Database.Database,
    /** After a commit that wrote something, with the batch it wrote. */
    private readonly onCommitted: (batch: readonly Pending[]) => void,
  ) {
    this.writer = new SqliteAppendWriter(db);
  }

  enqueue(append: Pending): void {
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
      transactions: this.writer.transactions,
      appends: this.settledAppends,
      carefulRetries: this.writer.carefulRetries,
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

  private take(): Pending[] {
    let events = 0;
    let count = 0;
    while (count < this.queue.length && count < MAX_BATCH_APPENDS) {
      events += rowsOf(this.queue[count]!);
      if (count > 0 && events > MAX_BATCH_EVENTS) break;
      count += 1;
    }
    return this.queue.splice(0, count);
  }

  private writeBatch(batch: Pending[]): void {
    const outcomes = this.writer.write(batch);
    let written = false;
    batch.forEach((pending, index) => {
      const outcome = outcomes[index]!;
      if (outcome instanceof Error) {
        pending.reject(outcome);
      } else if ('atomic' in pending) {
        const results = outcome as AppendResult[];
        written ||= results.some((result) => result.written);
        pending.resolve(results);
      } else {
        const result = outcome as AppendResult;
        written ||= result.written;
        pending.resolve(result);
      }
      this.settledAppends += 'atomic' in pending ? pending.atomic.length : 1;
    });
    if (written) this.onCommitted(batch);
  }
}
