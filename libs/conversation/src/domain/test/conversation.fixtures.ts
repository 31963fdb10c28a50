import { type ConversationMember } from '@switchboard/contracts';
import { type CommandMetadata } from '@switchboard/es-core';
import { type Actor, type ConversationCommand, type PostMessage } from '../conversation.commands';
import { type ConversationEvent } from '../conversation.events';
import { ALLOW } from '../moderation/moderation.policy';

// Test data builders for the decider specs (not used by production code).
export const AT = '2026-12-04T10:00:00.000Z';
export const CONVERSATION_ID = 'conv-1';
let counter = 0;
export const meta = (): CommandMetadata => ({ commandId: `cmd-${++counter}`, now: new Date(AT) });

export const member = (
  userId: string,
  role: ConversationMember['role'] = 'customer',
  memberRole: ConversationMember['memberRole'] = 'member',
): ConversationMember => ({ userId, role, memberRole });

export const actor = (userId: string, role: Actor['role'] = 'customer'): Actor => ({
  userId,
  role,
});
export const SYSTEM = actor('system', 'system');

export function created(
  kind: 'direct' | 'group' | 'consultation',
  members: readonly ConversationMember[],
): ConversationEvent {
  return {
    type: 'ConversationCreated',
    version: 1,
    data: {
      conversationId: CONVERSATION_ID,
      kind,
      domain: kind === 'consultation' ? 'travel' : null,
      consultationId: kind === 'consultation' ? 'cons-1' : null,
      createdBy: kind === 'consultation' ? 'system' : members[0].userId,
      members,
      at: AT,
    },
  };
}

export function post(
  by: Actor,
  clientMsgId: string,
  overrides: Partial<PostMessage['data']> = {},
): ConversationCommand {
  return {
    type: 'postMessage',
    data: {
      conversationId: CONVERSATION_ID,
      messageId: `msg-${by.userId}-${clientMsgId}`,
      clientMsgId,
      type: 'text',
      text: 'hello',
      attachment: null,
      internal: false,
      moderation: ALLOW,
      actor: by,
      ...overrides,
    },
    metadata: meta(),
  };
}

/** The MessagePosted a plain text `post(...)` yields at `seq` (override the rest). */
export function posted(
  by: Actor,
  clientMsgId: string,
  seq: number,
  recipients: readonly { userId: string; role: ConversationMember['role'] }[],
  overrides: Record<string, unknown> = {},
): ConversationEvent {
  return {
    type: 'MessagePosted',
    version: 1,
    data: {
      conversationId: CONVERSATION_ID,
      messageId: `msg-${by.userId}-${clientMsgId}`,
      seq,
      senderId: by.userId,
      senderRole: by.role,
      clientMsgId,
      type: 'text',
      text: 'hello',
      attachment: null,
      internal: false,
      kind: 'direct',
      domain: null,
      consultationId: null,
      recipients,
      masked: false,
      createdAt: AT,
      ...overrides,
    },
  } as ConversationEvent;
}
