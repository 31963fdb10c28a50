import { Injectable } from '@nestjs/common';
import { type IQueryHandler, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { readable } from '../command-context/conversation.access';
import { ConversationsProjection } from '../conversations-view/conversations.projection';
import { MessageReader, type MessagePage } from '../conversations-view/message.reader';
import { SyncMessagesQuery } from '../sync-messages/sync-messages.query';
import { MessageHistoryQuery } from './message-history.query';

export const DEFAULT_HISTORY_LIMIT = 50;

/** Paging both ways; a wait at the head is the one-conversation form of a sync long-poll. */
@Injectable()
@QueryHandler(MessageHistoryQuery)
export class MessageHistoryHandler implements IQueryHandler<MessageHistoryQuery> {
  constructor(
    private readonly projection: ConversationsProjection,
    private readonly reader: MessageReader,
    private readonly queries: QueryBus,
  ) {}

  async execute({ actor, conversationId, request }: MessageHistoryQuery): Promise<MessagePage> {
    const record = readable(actor, conversationId, this.projection.get(conversationId));
    const limit = request.limit ?? DEFAULT_HISTORY_LIMIT;
    const waitMs = request.waitMs ?? 0;
    const atHead =
      request.afterSeq !== undefined &&
      request.beforeSeq === undefined &&
      request.afterSeq >= record.lastVisibleSeq(actor.role);
    if (atHead && waitMs > 0) {
      return this.queries.execute(
        new SyncMessagesQuery(actor, [{ conversationId, afterSeq: request.afterSeq ?? 0 }], {
          limit,
          waitMs,
        }),
      );
    }
    return this.reader.page(record, actor.role, { ...request, limit });
  }
}
