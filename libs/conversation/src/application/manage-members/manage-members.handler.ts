import { Injectable } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ConversationWriter } from '../command-context/conversation.writer';
import { declaredRole } from '../command-context/member-roles';
import { ConversationsProjection } from '../conversations-view/conversations.projection';
import { toView } from '../create-conversation/create-conversation.handler';
import { type ConversationView } from '../views/message.view';
import { AddMemberCommand, RemoveMemberCommand } from './manage-members.commands';

@Injectable()
@CommandHandler(AddMemberCommand)
export class AddMemberHandler implements ICommandHandler<AddMemberCommand> {
  constructor(
    private readonly writer: ConversationWriter,
    private readonly projection: ConversationsProjection,
  ) {}

  async execute({ context, conversationId, body }: AddMemberCommand): Promise<ConversationView> {
    const { actor } = context;
    const result = await this.writer.write(conversationId, {
      type: 'addMember',
      data: {
        conversationId,
        userId: body.userId,
        role: declaredRole(actor, conversationId, body.role),
        memberRole: body.memberRole ?? 'member',
        actor: { userId: actor.userId, role: actor.role },
      },
      metadata: this.writer.metadata(context, `add-member/${conversationId}/${body.userId}`),
    });
    await this.projection.waitForPosition(result.position, 2000);
    return toView(conversationId, result.state);
  }
}

@Injectable()
@CommandHandler(RemoveMemberCommand)
export class RemoveMemberHandler implements ICommandHandler<RemoveMemberCommand> {
  constructor(
    private readonly writer: ConversationWriter,
    private readonly projection: ConversationsProjection,
  ) {}

  async execute({
    context,
    conversationId,
    userId,
  }: RemoveMemberCommand): Promise<ConversationView> {
    const { actor } = context;
    const result = await this.writer.write(conversationId, {
      type: 'removeMember',
      data: { conversationId, userId, actor: { userId: actor.userId, role: actor.role } },
      metadata: this.writer.metadata(context, `remove-member/${conversationId}/${userId}`),
    });
    await this.projection.waitForPosition(result.position, 2000);
    return toView(conversationId, result.state);
  }
}
