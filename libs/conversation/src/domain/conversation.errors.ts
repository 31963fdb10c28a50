import { DomainError, type DomainErrorKind } from '@switchboard/es-core';

/** Stable codes the edge maps to `{code, message}` and HTTP statuses. */
export const ConversationErrorCode = {
  NotFound: 'CONVERSATION_NOT_FOUND',
  Forbidden: 'CONVERSATION_FORBIDDEN',
  Exists: 'CONVERSATION_EXISTS',
  Closed: 'CONVERSATION_CLOSED',
  NotAMember: 'NOT_A_MEMBER',
  MessageRejected: 'MESSAGE_REJECTED',
  AttachmentInvalid: 'ATTACHMENT_INVALID',
  /** Members that break the kind's rules (direct = 2, group ≤ 500 with one owner...). */
  MembersInvalid: 'CONVERSATION_MEMBERS_INVALID',
  /** Direct conversations have fixed members; only consultations close. */
  KindForbids: 'CONVERSATION_KIND_FORBIDS',
  GroupFull: 'CONVERSATION_GROUP_FULL',
  InternalNoteForbidden: 'INTERNAL_NOTE_FORBIDDEN',
  MessageInvalid: 'MESSAGE_INVALID',
  ReadSeqInvalid: 'READ_SEQ_INVALID',
} as const;

export type ConversationErrorCode =
  (typeof ConversationErrorCode)[keyof typeof ConversationErrorCode];

export function conversationError(
  code: ConversationErrorCode,
  message: string,
  kind: DomainErrorKind,
  details?: Readonly<Record<string, unknown>>,
): DomainError {
  return new DomainError(code, message, kind, details);
}

export function conversationNotFound(conversationId: string): DomainError {
  return conversationError(
    ConversationErrorCode.NotFound,
    `Conversation ${conversationId} does not exist`,
    'not_found',
    { conversationId },
  );
}

export function conversationForbidden(conversationId: string, why: string): DomainError {
  return conversationError(
    ConversationErrorCode.Forbidden,
    `Conversation ${conversationId}: ${why}`,
    'forbidden',
    { conversationId },
  );
}

export function notAMember(conversationId: string, userId: string): DomainError {
  return conversationError(
    ConversationErrorCode.NotAMember,
    `${userId} is not a member of conversation ${conversationId}`,
    'forbidden',
    { conversationId, userId },
  );
}

export function messageRejected(rules: readonly string[]): DomainError {
  return conversationError(
    ConversationErrorCode.MessageRejected,
    `The message was rejected by moderation (${rules.join(', ')})`,
    'invalid_command',
    { rules },
  );
}

export function attachmentInvalid(message: string): DomainError {
  return conversationError(ConversationErrorCode.AttachmentInvalid, message, 'invalid_command');
}
