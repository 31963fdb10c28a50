/** What a repeated send answers with. */
export interface SentMessage {
  readonly messageId: string;
  readonly seq: number;
}

interface Entry {
  readonly key: string;
  readonly messageId: string;
}

/**
 * (sender, clientMsgId) → message, for the whole life of a conversation: the idempotency of
 * sends. Copying a map on every MessagePosted would make folding a long conversation
 * quadratic, so successive states share one append-only index, and each state sees it only up
 * to its own `lastSeq`: an older state keeps answering as it did. Seqs are dense, so entry
 * `seq` sits at `entries[seq - 1]`. Appending over a seq that is already taken means someone
 * builds on an older state (a discarded branch): the index forks first, so branches never see
 * each other's messages. Lookups and appends are O(1) on the straight path.
 */
export class SentMessagesIndex {
  private constructor(
    private readonly bySeq: Entry[],
    private readonly seqByKey: Map<string, number>,
  ) {}

  static empty(): SentMessagesIndex {
    return new SentMessagesIndex([], new Map());
  }

  /** The message `key` posted at or before `upToSeq`, if any. */
  find(key: string, upToSeq: number): SentMessage | undefined {
    const seq = this.seqByKey.get(key);
    if (seq === undefined || seq > upToSeq) return undefined;
    const entry = this.bySeq[seq - 1];
    return entry?.key === key ? { messageId: entry.messageId, seq } : undefined;
  }

  /** The index with message `seq` added (this one when on the straight path). */
  with(key: string, messageId: string, seq: number): SentMessagesIndex {
    const index = this.bySeq.length >= seq ? this.fork(seq - 1) : this;
    // A gap can only come from an upcaster or a bug; keep the positions honest anyway.
    while (index.bySeq.length < seq - 1) index.bySeq.push({ key: '', messageId: '' });
    index.bySeq.push({ key, messageId });
    index.seqByKey.set(key, seq);
    return index;
  }

  private fork(length: number): SentMessagesIndex {
    const bySeq = this.bySeq.slice(0, length);
    const seqByKey = new Map<string, number>();
    bySeq.forEach((entry, i) => seqByKey.set(entry.key, i + 1));
    return new SentMessagesIndex(bySeq, seqByKey);
  }
}

/** The index key of one send. */
export function sentKey(senderId: string, clientMsgId: string): string {
  return `${senderId}\u0000${clientMsgId}`;
}
