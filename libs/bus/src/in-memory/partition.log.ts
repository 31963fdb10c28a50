import type { Headers } from '../bus.port';

export interface StoredRecord {
  readonly offset: number;
  readonly key: string;
  readonly value: string;
  readonly headers: Headers;
  readonly timestamp: Date;
}

/**
 * One partition of an in-memory topic: an append-only array of records whose offsets keep
 * growing after old records are trimmed (`startOffset` moves, offsets never get reused), as on
 * Kafka. Nothing here is persistent: the log lives and dies with the process.
 */
export class PartitionLog {
  private records: StoredRecord[] = [];
  private start = 0;
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly topic: string,
    readonly partition: number,
  ) {}

  /** Offset of the oldest record still held. */
  get startOffset(): number {
    return this.start;
  }

  /** Offset the next appended record gets. */
  get endOffset(): number {
    return this.start + this.records.length;
  }

  get size(): number {
    return this.records.length;
  }

  append(record: Omit<StoredRecord, 'offset'>): number {
    const offset = this.endOffset;
    this.records.push({ ...record, offset });
    // Listeners are one-shot: a consumer re-subscribes each time it has caught up.
    const woken = [...this.listeners];
    this.listeners.clear();
    for (const wake of woken) wake();
    return offset;
  }

  at(offset: number): StoredRecord | undefined {
    if (offset < this.start) return undefined;
    return this.records[offset - this.start];
  }

  /** Calls `wake` once, on the next append. Returns the way to cancel. */
  onAppend(wake: () => void): () => void {
    this.listeners.add(wake);
    return () => this.listeners.delete(wake);
  }

  /** Drops every record below `offset`. */
  trimBefore(offset: number): void {
    const count = Math.min(offset, this.endOffset) - this.start;
    if (count <= 0) return;
    // One slice per trim instead of shift() per record: trims are batched by the caller.
    this.records = this.records.slice(count);
    this.start += count;
  }
}
