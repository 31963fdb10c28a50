import { Command } from '@nestjs/cqrs';
import { type RequestContext } from '@switchboard/platform';
import { type MemberBody } from '../create-conversation/create-conversation.dto';
import { type ConversationView } from '../views/message.view';

/** Group owner/admin adds a member (a no-op when already one). */
export class AddMemberCommand extends Command<ConversationView> {
  constructor(
    readonly context: RequestContext,
    readonly conversationId: string,
    readonly body: MemberBody,
  ) {
    super();
  }
}

/** Group owner/admin removes a member, or a member leaves (a no-op when not one). */
export class RemoveMemberCommand extends Command<ConversationView> {
  constructor(
    readonly context: RequestContext,
    readonly conversationId: string,
    readonly userId: string,
  ) {
    super();
  }
}
