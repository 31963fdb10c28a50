import { Injectable } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { type AuthUser } from '@switchboard/platform';
import { readable } from '../command-context/conversation.access';
import { ConversationsProjection } from '../conversations-view/conversations.projection';
import { MessageReader } from '../conversations-view/message.reader';
import { type MessageView } from '../views/message.view';
import { type SyncCursor, SyncMessagesQuery, type SyncMessagesResult } from './sync-messages.query';

export const DEFAULT_SYNC_LIMIT = 200;
export const MAX_SYNC_LIMIT = 1000;
export const MAX_WAIT_MS = 30_000;

/**
 * Everything after each cursor, conversation by conversation, until `limit`. With nothing to
 * answer and a wait, parks on all the cursors' conversations at once (no polling) and answers
 * as soon as a message the caller may see arrives, or empty when the wait ends.
 */
@Injectable()
@QueryHandler(SyncMessagesQuery)
export class SyncMessagesHandler implements IQueryHandler<SyncMessagesQuery> {
  constructor(
    private readonly projection: ConversationsProjection,
    private readonly reader: MessageReader,
  ) {}

  async execute({ actor, cursors, options }: SyncMessagesQuery): Promise<SyncMessagesResult> {
    const limit = Math.min(Math.max(1, options.limit ?? DEFAULT_SYNC_LIMIT), MAX_SYNC_LIMIT);
    const waitMs = Math.min(Math.max(0, options.waitMs ?? 0), MAX_WAIT_MS);
    // Access is checked up front, so a forbidden conversation fails at once, not after a wait.
    for (const c of cursors)
      readable(actor, c.conversationId, this.projection.get(c.conversationId));
    const deadline = performance.now() + waitMs;
    for (;;) {
      const result = await this.collect(actor, cursors, limit);
      const left = deadline - performance.now();
      if (result.messages.length > 0 || left <= 0) return result;
      const ids = cursors.map((c) => c.conversationId);
      // A wake-up for a message this caller may not see (an internal note) parks again.
      if (!(await this.projection.waitForMessage(ids, left))) return result;
    }
  }

  private async collect(
    actor: AuthUser,
    cursors: readonly SyncCursor[],
    limit: number,
  ): Promise<SyncMessagesResult> {
    const messages: MessageView[] = [];
    for (const cursor of cursors) {
      const record = readable(
        actor,
        cursor.conversationId,
        this.projection.get(cursor.conversationId),
      );
      const page = await this.reader.page(record, actor.role, {
        afterSeq: cursor.afterSeq,
        limit: limit - messages.length,
      });
      messages.push(...page.messages);
      if (page.more || messages.length >= limit) {
        return { messages, more: page.more || this.hasMoreAfter(actor, cursors, cursor) };
      }
    }
    return { messages, more: false };
  }

  /** Whether cursors after `last` still have messages (the limit cut between conversations). */
  private hasMoreAfter(actor: AuthUser, cursors: readonly SyncCursor[], last: SyncCursor): boolean {
    const rest = cursors.slice(cursors.indexOf(last) + 1);
    return rest.some((c) => {
      const record = this.projection.get(c.conversationId);
      if (record === undefined) return false;
      for (let seq = c.afterSeq + 1; seq <= record.lastSeq; seq++) {
        if (record.visible(seq, actor.role)) return true;
      }
      return false;
    });
  }
}
