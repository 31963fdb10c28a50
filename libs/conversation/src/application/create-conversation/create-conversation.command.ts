import { Command } from '@nestjs/cqrs';
import { type RequestContext } from '@switchboard/platform';
import { type ConversationView } from '../views/message.view';
import { type CreateConversationBody } from './create-conversation.dto';

/** A direct or group conversation with the caller in it. */
export class CreateConversationCommand extends Command<ConversationView> {
  constructor(
    readonly context: RequestContext,
    readonly body: CreateConversationBody,
  ) {
    super();
  }
}
