import { Query } from '@nestjs/cqrs';
import { type AuthUser } from '@switchboard/platform';
import { type ConversationView } from '../views/message.view';

export interface ConversationSummary extends ConversationView {
  /** Messages after the caller's furthest cursor (any device), not their own, visible to them. */
  readonly unread: number;
}

/** The conversations the caller is a member of, most recently active first. */
export class ListConversationsQuery extends Query<ConversationSummary[]> {
  constructor(readonly actor: AuthUser) {
    super();
  }
}
