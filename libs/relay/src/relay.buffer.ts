import type { OutgoingMessage } from '@switchboard/bus';

interface Pending {
  readonly messages: readonly OutgoingMessage[];
  readonly position: number;
}

/** The first buffered events, as one publish call. */
export interface Batch {
  readonly messages: readonly OutgoingMessage[];
  /** How many buffered events the batch covers (an event may yield 0..n messages). */
  readonly events: number;
  /** Position of the batch's last event. */
  readonly lastPosition: number;
}

/**
 * Events waiting to be published, in position order, with backpressure: `waitForSpace()`
 * blocks the subscription's handler while `maxMessages` or more are waiting.
 */
export class RelayBuffer {
  private pending: Pending[] = [];
  private messages = 0;
  private waiters: (() => void)[] = [];

  constructor(
    private readonly batchSize: number,
    private readonly maxMessages: number,
  ) {}

  /** Messages waiting (including those of a batch being published). */
  get size(): number {
    return this.messages;
  }

  get isEmpty(): boolean {
    return this.pending.length === 0;
  }

  get hasFullBatch(): boolean {
    return this.messages >= this.batchSize;
  }

  add(messages: readonly OutgoingMessage[], position: number): void {
    if (messages.length === 0) return;
    this.pending.push({ messages, position });
    this.messages += messages.length;
  }

  /** Up to `batchSize` messages from the front; an event's messages stay in one batch. */
  peekBatch(): Batch {
    const messages: OutgoingMessage[] = [];
    let events = 0;
    let lastPosition = 0;
    for (const entry of this.pending) {
      if (events > 0 && messages.length + entry.messages.length > this.batchSize) break;
      messages.push(...entry.messages);
      lastPosition = entry.position;
      events += 1;
    }
    return { messages, events, lastPosition };
  }

  /** Drops a published batch from the front and wakes a waiting handler. */
  remove(batch: Batch): void {
    this.pending.splice(0, batch.events);
    this.messages -= batch.messages.length;
    this.release();
  }

  /** Resolves once there is room (or at once when `stillWanted()` turns false). */
  async waitForSpace(stillWanted: () => boolean): Promise<void> {
    while (stillWanted() && this.messages >= this.maxMessages) {
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  /** Wakes every waiting handler (they re-check). */
  release(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  clear(): void {
    this.pending = [];
    this.messages = 0;
    this.release();
  }
}
