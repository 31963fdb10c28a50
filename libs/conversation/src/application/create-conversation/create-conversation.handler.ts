import { Injectable } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type ConversationMember } from '@switchboard/contracts';
import { DomainError } from '@switchboard/es-core';
import { stableUuid } from '@switchboard/platform';
import { randomUUID } from 'node:crypto';
import { ConversationErrorCode, type ConversationState } from '../../domain';
import { declaredRole } from '../command-context/member-roles';
import { ConversationWriter } from '../command-context/conversation.writer';
import { ConversationsProjection } from '../conversations-view/conversations.projection';
import { type ConversationView } from '../views/message.view';
import { CreateConversationCommand } from './create-conversation.command';

/**
 * The creator is always a member (the owner of a group); the body lists the others. With an
 * Idempotency-Key the id derives from (creator, key), so a replay answers with the same
 * conversation instead of CONVERSATION_EXISTS.
 */
@Injectable()
@CommandHandler(CreateConversationCommand)
export class CreateConversationHandler implements ICommandHandler<CreateConversationCommand> {
  constructor(
    private readonly writer: ConversationWriter,
    private readonly projection: ConversationsProjection,
  ) {}

  async execute({ context, body }: CreateConversationCommand): Promise<ConversationView> {
    const { actor, idempotencyKey } = context;
    const id =
      idempotencyKey === undefined
        ? randomUUID()
        : stableUuid('conversation', actor.userId, idempotencyKey);
    const creator: ConversationMember = {
      userId: actor.userId,
      role: actor.role,
      memberRole: body.kind === 'group' ? 'owner' : 'member',
    };
    const others = body.members
      .filter((m) => m.userId !== actor.userId)
      .map((m): ConversationMember => ({
        userId: m.userId,
        role: declaredRole(actor, id, m.role),
        memberRole: body.kind === 'group' ? (m.memberRole ?? 'member') : 'member',
      }));
    try {
      const result = await this.writer.write(id, {
        type: 'create',
        data: {
          conversationId: id,
          kind: body.kind,
          members: [creator, ...others],
          domain: null,
          consultationId: null,
          actor: { userId: actor.userId, role: actor.role },
        },
        metadata: this.writer.metadata(context, `create-conversation/${id}`),
      });
      await this.projection.waitForPosition(result.position, 2000);
      return toView(id, result.state);
    } catch (error) {
      const replay =
        idempotencyKey !== undefined &&
        error instanceof DomainError &&
        error.code === ConversationErrorCode.Exists;
      const existing = replay ? this.projection.get(id) : undefined;
      if (existing !== undefined && existing.createdBy === actor.userId)
        return existing.view(actor.role);
      throw error;
    }
  }
}

export function toView(id: string, state: ConversationState): ConversationView {
  return {
    id,
    kind: state.kind,
    domain: state.domain,
    consultationId: state.consultationId,
    members: [...state.members.values()],
    lastSeq: state.lastSeq,
    closed: state.status === 'closed',
    readBy: readByOf(state),
  };
}

function readByOf(state: ConversationState): Record<string, number> {
  const readBy: Record<string, number> = {};
  for (const [key, seq] of state.cursors) {
    const userId = key.slice(0, key.indexOf('\u0000'));
    readBy[userId] = Math.max(readBy[userId] ?? 0, seq);
  }
  return readBy;
}
