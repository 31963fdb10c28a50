import { Query } from '@nestjs/cqrs';
import { type AuthUser } from '@switchboard/platform';
import { type MessagePage } from '../conversations-view/message.reader';

export interface MessageHistoryRequest {
  readonly afterSeq?: number;
  readonly beforeSeq?: number;
  readonly limit?: number;
  /** Parks only when `afterSeq` is at the head; answers as soon as a message arrives. */
  readonly waitMs?: number;
}

/** One page of a conversation's messages, ascending by seq. */
export class MessageHistoryQuery extends Query<MessagePage> {
  constructor(
    readonly actor: AuthUser,
    readonly conversationId: string,
    readonly request: MessageHistoryRequest,
  ) {
    super();
  }
}
