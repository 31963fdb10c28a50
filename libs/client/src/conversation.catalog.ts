import { LOST_ACCESS } from './protocol.limits';
import type { MessageInbox } from './message.inbox';
import type { RequestRunner } from './request.runner';
import type { RestClient } from './rest.client';
import { SwitchboardError } from './switchboard.error';
import type { ConversationSummary, SyncCursor, SyncResult } from './client.types';

export interface ConversationCatalogDeps {
  readonly rest: RestClient;
  readonly runner: RequestRunner;
  readonly inbox: () => MessageInbox | undefined;
  readonly syncLimit: number;
  readonly discover: boolean;
  readonly timeoutMs: number;
}

/** Which conversations the client follows, and syncing them. */
export class ConversationCatalog {
  constructor(private readonly deps: ConversationCatalogDeps) {}

  /** `GET /v1/conversations`. */
  list(): Promise<ConversationSummary[]> {
    return this.deps.rest.call<ConversationSummary[]>('GET', '/v1/conversations', undefined, {
      timeoutMs: this.deps.timeoutMs,
    });
  }

  /** Starts following (from seq 0) every listed conversation the client does not know. */
  async discover(): Promise<void> {
    const inbox = this.deps.inbox();
    if (!this.deps.discover || inbox === undefined) return;
    for (const conversation of await this.list()) inbox.track(conversation.id);
  }

  /**
   * A sync fails as a whole when one conversation became unreadable (removed from a group...):
   * then drop the conversations the server no longer lists and sync the rest.
   */
  async sync(cursors: SyncCursor[]): Promise<SyncResult> {
    const limit = this.deps.syncLimit;
    try {
      return (await this.deps.runner.untilDone('conversation.sync', {
        cursors,
        limit,
      })) as SyncResult;
    } catch (error) {
      if (!(error instanceof SwitchboardError) || !LOST_ACCESS.has(error.code)) throw error;
      const kept = await this.prune(cursors);
      if (kept.length === cursors.length) throw error;
      if (kept.length === 0) return { messages: [], more: false };
      const retried = await this.deps.runner.untilDone('conversation.sync', {
        cursors: kept,
        limit,
      });
      return retried as SyncResult;
    }
  }

  /** Untracks the conversations the server no longer lists; answers the other cursors. */
  async prune(cursors: readonly SyncCursor[]): Promise<SyncCursor[]> {
    const listed = new Set((await this.list()).map((c) => c.id));
    for (const cursor of cursors) {
      if (!listed.has(cursor.conversationId)) this.deps.inbox()?.untrack(cursor.conversationId);
    }
    return cursors.filter((cursor) => listed.has(cursor.conversationId));
  }
}
