import { Command } from '@nestjs/cqrs';
import { type RequestContext } from '@switchboard/platform';
import { type MessageView } from '../views/message.view';
import { type PostMessageBody } from './post-message.dto';

/**
 * Post one message as `context.actor`. Resolves once the append is durable, with the message
 * and its seq; a repeated `(actor, clientMsgId)` in the same conversation resolves with the
 * original message and changes nothing. Rejects with a typed DomainError (not a member,
 * unknown conversation, moderation, bad attachment).
 */
export class PostMessageCommand extends Command<MessageView> {
  constructor(
    readonly context: RequestContext,
    readonly conversationId: string,
    readonly body: PostMessageBody,
  ) {
    super();
  }
}
