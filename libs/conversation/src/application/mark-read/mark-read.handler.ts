import { Injectable } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { cursorKey } from '../../domain';
import { ConversationWriter } from '../command-context/conversation.writer';
import { ConversationsProjection } from '../conversations-view/conversations.projection';
import { MarkReadCommand, type MarkReadResult } from './mark-read.command';

/** Moves the cursor (never back); answers with where it stands after the call. */
@Injectable()
@CommandHandler(MarkReadCommand)
export class MarkReadHandler implements ICommandHandler<MarkReadCommand> {
  constructor(
    private readonly writer: ConversationWriter,
    private readonly projection: ConversationsProjection,
  ) {}

  async execute({
    context,
    conversationId,
    deviceId,
    seq,
  }: MarkReadCommand): Promise<MarkReadResult> {
    const actor = { userId: context.actor.userId, role: context.actor.role };
    const result = await this.writer.write(conversationId, {
      type: 'markRead',
      data: { conversationId, deviceId, seq, actor },
      metadata: this.writer.metadata(context, `mark-read/${conversationId}/${deviceId}`),
    });
    return {
      conversationId,
      seq: result.state.cursors.get(cursorKey(actor.userId, deviceId)) ?? 0,
    };
  }
}
