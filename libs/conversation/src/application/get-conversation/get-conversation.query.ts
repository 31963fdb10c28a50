import { Query } from '@nestjs/cqrs';
import { type AuthUser } from '@switchboard/platform';
import { type ConversationView } from '../views/message.view';

/**
 * One conversation the actor may see (members; supervisors and admins see every one).
 * `waitMs` > 0 waits that long for a conversation that does not exist yet (a consultation's
 * conversation is created from the ConsultationOpened event, a moment after the open).
 * Rejects with CONVERSATION_NOT_FOUND / CONVERSATION_FORBIDDEN.
 */
export class GetConversationQuery extends Query<ConversationView> {
  constructor(
    readonly actor: AuthUser,
    readonly conversationId: string,
    readonly options: { readonly waitMs?: number } = {},
  ) {
    super();
  }
}
