import type { MessageView, SyncCursor } from './client.types';

interface ConversationStream {
  /** Highest seq handed to listeners: everything at or below it was delivered or is hidden. */
  cursor: number;
  /** Live messages that arrived ahead of a missing seq, by seq. */
  readonly pending: Map<number, MessageView>;
}

/**
 * Turns an at-least-once, possibly reordered feed into exactly-once, in-seq-order delivery per
 * conversation. Pure: no I/O, no timers, so the ordering rules are tested on their own.
 *
 * Two kinds of input. A live message (a push, a send ack) is trusted only for itself: if seqs
 * are missing before it, it waits and the caller must sync. A sync answer is authoritative: the
 * server returned everything after the cursor this reader may see, so a seq it skips (an
 * internal note hidden from customers) is not waited for.
 */
export class MessageSequencer {
  private readonly streams = new Map<string, ConversationStream>();

  constructor(initial: Readonly<Record<string, number>> = {}) {
    for (const [conversationId, seq] of Object.entries(initial)) {
      this.streams.set(conversationId, { cursor: seq, pending: new Map() });
    }
  }

  /** Starts tracking a conversation (cursor 0) if unknown; true when it was new. */
  track(conversationId: string): boolean {
    if (this.streams.has(conversationId)) return false;
    this.streams.set(conversationId, { cursor: 0, pending: new Map() });
    return true;
  }

  /** Stops tracking (the reader lost access); buffered messages are dropped. */
  untrack(conversationId: string): void {
    this.streams.delete(conversationId);
  }

  cursor(conversationId: string): number {
    return this.streams.get(conversationId)?.cursor ?? 0;
  }

  cursors(): SyncCursor[] {
    return [...this.streams].map(([conversationId, s]) => ({ conversationId, afterSeq: s.cursor }));
  }

  /** True when buffered messages wait for a seq that has not arrived. */
  hasGap(conversationId: string): boolean {
    return (this.streams.get(conversationId)?.pending.size ?? 0) > 0;
  }

  /** A live message; answers what can be delivered now, in order (empty for a duplicate). */
  acceptLive(message: MessageView): MessageView[] {
    const stream = this.stream(message.conversationId);
    if (message.seq <= stream.cursor || stream.pending.has(message.seq)) return [];
    stream.pending.set(message.seq, message);
    return this.drain(stream);
  }

  /** A sync answer (seq order per conversation); answers the messages not delivered before. */
  acceptSynced(messages: readonly MessageView[]): MessageView[] {
    const delivered: MessageView[] = [];
    for (const message of messages) {
      const stream = this.stream(message.conversationId);
      if (message.seq <= stream.cursor) continue;
      // Anything buffered below this seq is hidden from this reader or already superseded.
      for (const seq of stream.pending.keys()) if (seq <= message.seq) stream.pending.delete(seq);
      stream.cursor = message.seq;
      delivered.push(message);
      delivered.push(...this.drain(stream));
    }
    return delivered;
  }

  /**
   * Gives up waiting for missing seqs (repeated syncs did not return them, so this reader may
   * not see them) and delivers what is buffered, in order.
   */
  release(conversationId: string): MessageView[] {
    const stream = this.streams.get(conversationId);
    if (stream === undefined) return [];
    const seqs = [...stream.pending.keys()].sort((a, b) => a - b);
    const delivered = seqs.map((seq) => stream.pending.get(seq) as MessageView);
    stream.pending.clear();
    if (seqs.length > 0) stream.cursor = seqs[seqs.length - 1];
    return delivered;
  }

  private stream(conversationId: string): ConversationStream {
    this.track(conversationId);
    return this.streams.get(conversationId) as ConversationStream;
  }

  private drain(stream: ConversationStream): MessageView[] {
    const delivered: MessageView[] = [];
    let next = stream.pending.get(stream.cursor + 1);
    while (next !== undefined) {
      stream.pending.delete(next.seq);
      stream.cursor = next.seq;
      delivered.push(next);
      next = stream.pending.get(stream.cursor + 1);
    }
    return delivered;
  }
}
