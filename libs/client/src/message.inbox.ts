import { MessageSequencer } from './message.sequencer';
import { inChunks } from './protocol.limits';
import { backoffDelay, sleep, type RetryPolicy } from './retry.policy';
import type { CursorStore } from './cursor.store';
import type { MessageView, SyncCursor, SyncResult } from './client.types';

/** How many gap syncs return nothing new before the missing seqs count as hidden. */
const GAP_SYNC_ATTEMPTS = 4;

export interface InboxDeps {
  readonly sequencer: MessageSequencer;
  readonly cursorStore: CursorStore;
  /** `conversation.sync` with retries; rejects only for a non-retryable error or close. */
  readonly sync: (cursors: SyncCursor[]) => Promise<SyncResult>;
  readonly deliver: (message: MessageView) => void;
  readonly error: (error: unknown) => void;
  readonly retry: RetryPolicy;
}

/**
 * The receiving half of the delivery guarantee: every input (push, send ack, sync answer,
 * long-poll answer) goes through the sequencer; a gap triggers a sync of that conversation;
 * a (re)connect triggers a sync of all of them. Listeners see each message once, in seq order.
 */
export class MessageInbox {
  private readonly gapSyncs = new Map<string, Promise<void>>();

  constructor(private readonly deps: InboxDeps) {}

  live(message: MessageView): void {
    if (!isMessage(message)) return;
    this.hand(this.deps.sequencer.acceptLive(message));
    if (this.deps.sequencer.hasGap(message.conversationId)) this.fillGap(message.conversationId);
  }

  synced(messages: readonly MessageView[]): void {
    this.hand(this.deps.sequencer.acceptSynced(messages.filter(isMessage)));
    for (const { conversationId } of this.deps.sequencer.cursors()) {
      if (this.deps.sequencer.hasGap(conversationId)) this.fillGap(conversationId);
    }
  }

  track(conversationId: string): boolean {
    return this.deps.sequencer.track(conversationId);
  }

  untrack(conversationId: string): void {
    this.deps.sequencer.untrack(conversationId);
  }

  cursors(): SyncCursor[] {
    return this.deps.sequencer.cursors();
  }

  /** Everything after every cursor, page by page while the server says `more`. */
  async resync(stillCurrent: () => boolean = () => true): Promise<void> {
    const ids = this.deps.sequencer.cursors().map((cursor) => cursor.conversationId);
    for (const chunk of inChunks(ids)) {
      let more = true;
      while (more && stillCurrent()) {
        const cursors = chunk.map((conversationId) => ({
          conversationId,
          afterSeq: this.deps.sequencer.cursor(conversationId),
        }));
        const result = await this.deps.sync(cursors);
        this.synced(result.messages);
        more = result.more;
      }
    }
  }

  private fillGap(conversationId: string): void {
    if (this.gapSyncs.has(conversationId)) return;
    const run = this.syncGap(conversationId)
      .catch((error: unknown) => {
        this.deps.error(error);
        // Cannot sync (e.g. no longer a member): do not hold back what we have.
        this.hand(this.deps.sequencer.release(conversationId));
      })
      .finally(() => this.gapSyncs.delete(conversationId));
    this.gapSyncs.set(conversationId, run);
  }

  private async syncGap(conversationId: string): Promise<void> {
    const { sequencer } = this.deps;
    for (let attempt = 1; attempt <= GAP_SYNC_ATTEMPTS; attempt++) {
      if (attempt > 1) await sleep(backoffDelay(this.deps.retry, attempt - 1));
      let more = true;
      while (more && sequencer.hasGap(conversationId)) {
        const afterSeq = sequencer.cursor(conversationId);
        const result = await this.deps.sync([{ conversationId, afterSeq }]);
        this.hand(sequencer.acceptSynced(result.messages.filter(isMessage)));
        more = result.more;
      }
      if (!sequencer.hasGap(conversationId)) return;
    }
    // The server keeps not returning those seqs: this reader may not see them.
    this.hand(sequencer.release(conversationId));
  }

  private hand(messages: readonly MessageView[]): void {
    for (const message of messages) {
      this.deps.deliver(message);
      try {
        const saved = this.deps.cursorStore.set(message.conversationId, message.seq);
        if (saved instanceof Promise) saved.catch((error: unknown) => this.deps.error(error));
      } catch (error) {
        this.deps.error(error);
      }
    }
  }
}

function isMessage(value: unknown): value is MessageView {
  const m = value as Partial<MessageView> | null;
  const ok =
    typeof m === 'object' &&
    m !== null &&
    typeof m.id === 'string' &&
    typeof m.conversationId === 'string' &&
    Number.isInteger(m.seq);
  return ok;
}
