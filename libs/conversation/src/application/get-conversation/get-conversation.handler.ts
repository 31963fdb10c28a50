import { Injectable } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { readable } from '../command-context/conversation.access';
import { ConversationsProjection } from '../conversations-view/conversations.projection';
import { type ConversationView } from '../views/message.view';
import { GetConversationQuery } from './get-conversation.query';

const MAX_WAIT_MS = 30_000;

@Injectable()
@QueryHandler(GetConversationQuery)
export class GetConversationHandler implements IQueryHandler<GetConversationQuery> {
  constructor(private readonly projection: ConversationsProjection) {}

  async execute({
    actor,
    conversationId,
    options,
  }: GetConversationQuery): Promise<ConversationView> {
    const waitMs = Math.min(Math.max(0, options.waitMs ?? 0), MAX_WAIT_MS);
    const record = await this.projection.waitForConversation(conversationId, waitMs);
    return readable(actor, conversationId, record).view(actor.role);
  }
}
