import { type AuthUser } from '@switchboard/platform';
import { conversationForbidden, conversationNotFound } from '../../domain';
import { type ConversationRecord } from '../conversations-view/conversation.record';

/** Supervisors and admins may read any conversation (they post only where they are members). */
export function mayRead(actor: AuthUser, record: ConversationRecord): boolean {
  return record.members.has(actor.userId) || actor.role === 'supervisor' || actor.role === 'admin';
}

/** The conversation if `actor` may read it; CONVERSATION_NOT_FOUND / _FORBIDDEN otherwise. */
export function readable(
  actor: AuthUser,
  conversationId: string,
  record: ConversationRecord | undefined,
): ConversationRecord {
  if (record === undefined) throw conversationNotFound(conversationId);
  if (!mayRead(actor, record)) throw conversationForbidden(conversationId, 'not a member');
  return record;
}
