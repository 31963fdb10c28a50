import { Injectable } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ConversationsProjection } from '../conversations-view/conversations.projection';
import { type ConversationSummary, ListConversationsQuery } from './list-conversations.query';

@Injectable()
@QueryHandler(ListConversationsQuery)
export class ListConversationsHandler implements IQueryHandler<ListConversationsQuery> {
  constructor(private readonly projection: ConversationsProjection) {}

  execute({ actor }: ListConversationsQuery): Promise<ConversationSummary[]> {
    const records = this.projection.conversationsOf(actor.userId);
    return Promise.resolve(
      records
        .sort((a, b) => b.lastActivity - a.lastActivity)
        .map((r) => ({ ...r.view(actor.role), unread: r.unread(actor.userId, actor.role) })),
    );
  }
}
