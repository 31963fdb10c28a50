import { Command } from '@nestjs/cqrs';
import { type ErrorPayload, type RequestContext } from '@switchboard/platform';
import { type MessageView } from '../views/message.view';
import { type SendToManyBody } from './send-to-many.dto';

export type SendResult =
  | { readonly conversationId: string; readonly ok: true; readonly message: MessageView }
  | { readonly conversationId: string; readonly ok: false; readonly error: ErrorPayload };

/** Posts one message to each conversation; each succeeds or fails on its own. */
export class SendToManyCommand extends Command<{ results: SendResult[] }> {
  constructor(
    readonly context: RequestContext,
    readonly body: SendToManyBody,
  ) {
    super();
  }
}
