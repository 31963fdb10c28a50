import { type ConversationMember } from '@switchboard/contracts';
import {
  type Actor,
  type AddMember,
  type CloseConversation,
  type CreateConversation,
  type RemoveMember,
} from './conversation.commands';
import {
  conversationError,
  ConversationErrorCode,
  conversationForbidden,
  conversationNotFound,
} from './conversation.errors';
import { type ConversationEvent, MAX_GROUP_MEMBERS } from './conversation.events';
import { type ConversationState } from './conversation.state';

export function create(command: CreateConversation, state: ConversationState): ConversationEvent[] {
  const { conversationId, kind, members, domain, consultationId, actor } = command.data;
  if (state.status !== 'none') {
    throw conversationError(
      ConversationErrorCode.Exists,
      `Conversation ${conversationId} already exists`,
      'conflict',
      { conversationId },
    );
  }
  assertMembers(command.data.kind, members, consultationId);
  return [
    {
      type: 'ConversationCreated',
      version: 1,
      data: {
        conversationId,
        kind,
        domain,
        consultationId: kind === 'consultation' ? consultationId : null,
        createdBy: actor.userId,
        members,
        at: command.metadata.now.toISOString(),
      },
    },
  ];
}

function assertMembers(
  kind: CreateConversation['data']['kind'],
  members: readonly ConversationMember[],
  consultationId: string | null,
): void {
  const invalid = (message: string) =>
    conversationError(ConversationErrorCode.MembersInvalid, message, 'invalid_command');
  if (new Set(members.map((m) => m.userId)).size !== members.length) {
    throw invalid('A member is listed twice');
  }
  if (members.some((m) => m.role === 'system')) throw invalid('system is never a member');
  const owners = members.filter((m) => m.memberRole === 'owner').length;
  switch (kind) {
    case 'direct':
      if (members.length !== 2) throw invalid('A direct conversation has exactly 2 members');
      return;
    case 'group':
      if (members.length > MAX_GROUP_MEMBERS) {
        throw invalid(`A group has at most ${MAX_GROUP_MEMBERS} members`);
      }
      if (owners !== 1) throw invalid('A group has exactly one owner');
      return;
    case 'consultation':
      if (consultationId === null) throw invalid('A consultation conversation needs its id');
      return;
  }
}

export function addMember(command: AddMember, state: ConversationState): ConversationEvent[] {
  const { userId, role, memberRole, actor } = command.data;
  assertCanManage(state, actor, userId, command.data.conversationId);
  if (state.members.has(userId)) return [];
  if (role === 'system') {
    throw conversationError(
      ConversationErrorCode.MembersInvalid,
      'system is never a member',
      'invalid_command',
    );
  }
  if (state.members.size >= MAX_GROUP_MEMBERS) {
    throw conversationError(
      ConversationErrorCode.GroupFull,
      `Conversation ${state.conversationId} already has ${MAX_GROUP_MEMBERS} members`,
      'invalid_state',
    );
  }
  return [
    {
      type: 'MemberAdded',
      version: 1,
      data: {
        conversationId: state.conversationId,
        member: { userId, role, memberRole },
        by: actor.userId,
        at: command.metadata.now.toISOString(),
      },
    },
  ];
}

export function removeMember(command: RemoveMember, state: ConversationState): ConversationEvent[] {
  const { userId, actor } = command.data;
  assertCanManage(state, actor, userId, command.data.conversationId);
  const member = state.members.get(userId);
  if (member === undefined) return [];
  if (member.memberRole === 'owner') {
    throw conversationError(
      ConversationErrorCode.MembersInvalid,
      'The owner of a group cannot be removed',
      'invalid_state',
    );
  }
  return [
    {
      type: 'MemberRemoved',
      version: 1,
      data: {
        conversationId: state.conversationId,
        userId,
        by: actor.userId,
        at: command.metadata.now.toISOString(),
      },
    },
  ];
}

/**
 * Groups: the owner and admins manage members, anyone may leave. Consultations: only the
 * system (following the consultation's events). Direct conversations: nobody.
 */
function assertCanManage(
  state: ConversationState,
  actor: Actor,
  userId: string,
  conversationId: string,
): void {
  assertOpen(state, conversationId);
  switch (state.kind) {
    case 'direct':
      throw conversationError(
        ConversationErrorCode.KindForbids,
        'A direct conversation keeps its two members',
        'invalid_state',
      );
    case 'consultation':
      if (actor.role !== 'system') {
        throw conversationForbidden(state.conversationId, 'members follow the consultation');
      }
      return;
    case 'group': {
      const standing = state.members.get(actor.userId)?.memberRole;
      const leaving = actor.userId === userId && standing !== undefined;
      if (standing !== 'owner' && standing !== 'admin' && !leaving) {
        throw conversationForbidden(
          state.conversationId,
          'only the owner and admins manage members',
        );
      }
      return;
    }
  }
}

export function close(command: CloseConversation, state: ConversationState): ConversationEvent[] {
  if (state.status === 'none') throw conversationNotFound(command.data.conversationId);
  if (state.status === 'closed') return [];
  if (state.kind !== 'consultation') {
    throw conversationError(
      ConversationErrorCode.KindForbids,
      'Only consultation conversations close',
      'invalid_state',
    );
  }
  if (command.data.actor.role !== 'system') {
    throw conversationForbidden(state.conversationId, 'it closes with its consultation');
  }
  return [
    {
      type: 'ConversationClosed',
      version: 1,
      data: {
        conversationId: state.conversationId,
        reason: command.data.reason,
        at: command.metadata.now.toISOString(),
      },
    },
  ];
}

export function assertOpen(state: ConversationState, conversationId: string): void {
  if (state.status === 'none') throw conversationNotFound(conversationId);
  if (state.status === 'closed') {
    throw conversationError(
      ConversationErrorCode.Closed,
      `Conversation ${state.conversationId} is closed`,
      'invalid_state',
      { conversationId: state.conversationId },
    );
  }
}
