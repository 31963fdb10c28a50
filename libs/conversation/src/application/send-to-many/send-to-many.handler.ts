import { Injectable } from '@nestjs/common';
import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { toErrorPayload } from '@switchboard/platform';
import { PostMessageCommand } from '../post-message/post-message.command';
import { type SendResult, SendToManyCommand } from './send-to-many.command';

/**
 * Each conversation has its own writer, so the sends run side by side; one refused send
 * (not a member, closed, moderation) is reported in its slot and does not stop the others.
 * A repeat with the same clientMsgId answers every slot with its original message.
 */
@Injectable()
@CommandHandler(SendToManyCommand)
export class SendToManyHandler implements ICommandHandler<SendToManyCommand> {
  constructor(private readonly commands: CommandBus) {}

  async execute({ context, body }: SendToManyCommand): Promise<{ results: SendResult[] }> {
    const { conversationIds, ...message } = body;
    const results = await Promise.all(
      conversationIds.map(async (conversationId): Promise<SendResult> => {
        try {
          const sent = await this.commands.execute(
            new PostMessageCommand(context, conversationId, message),
          );
          return { conversationId, ok: true, message: sent };
        } catch (error) {
          return { conversationId, ok: false, error: toErrorPayload(error) };
        }
      }),
    );
    return { results };
  }
}
