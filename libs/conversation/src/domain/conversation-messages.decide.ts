import { isStaff, type MarkRead, type PostMessage } from './conversation.commands';
import {
  attachmentInvalid,
  conversationError,
  ConversationErrorCode,
  conversationNotFound,
  notAMember,
} from './conversation.errors';
import { type ConversationEvent } from './conversation.events';
import { cursorKey, type ConversationState, recipientsOf } from './conversation.state';
import { assertOpen } from './conversation-members.decide';
import { sentKey } from './sent-messages.index';

/**
 * Order matters: a repeated (sender, clientMsgId) yields nothing before any other check, so a
 * retry of a message that landed before the conversation closed (or before the sender left)
 * still answers with the original instead of an error.
 */
export function postMessage(command: PostMessage, state: ConversationState): ConversationEvent[] {
  const { conversationId, actor, clientMsgId, type, text, attachment, internal, moderation } =
    command.data;
  if (state.status === 'none') throw conversationNotFound(conversationId);
  if (state.sent.find(sentKey(actor.userId, clientMsgId), state.lastSeq) !== undefined) return [];
  assertOpen(state, conversationId);
  const system = actor.role === 'system';
  if (!system && !state.members.has(actor.userId)) throw notAMember(conversationId, actor.userId);
  if ((type === 'system') !== system) {
    throw invalidMessage('Only the system posts system messages, and only those');
  }
  if (internal && !isStaff(actor.role)) {
    throw conversationError(
      ConversationErrorCode.InternalNoteForbidden,
      'Only agents, supervisors and admins write internal notes',
      'forbidden',
    );
  }
  assertContent(command);
  const at = command.metadata.now.toISOString();
  if (moderation.action === 'reject') {
    return [
      {
        type: 'MessageRejected',
        version: 1,
        data: { conversationId, senderId: actor.userId, clientMsgId, rules: moderation.rules, at },
      },
    ];
  }
  const masked = moderation.action === 'mask' && text !== null;
  return [
    {
      type: 'MessagePosted',
      version: 1,
      data: {
        conversationId,
        messageId: command.data.messageId,
        seq: state.lastSeq + 1,
        senderId: actor.userId,
        senderRole: actor.role,
        clientMsgId,
        type,
        text: masked ? moderation.text : text,
        attachment,
        internal,
        kind: state.kind,
        domain: state.domain,
        consultationId: state.consultationId,
        // Internal notes: customers are not even named as recipients (the dispatcher also
        // filters them), so no consumer can deliver one by mistake.
        recipients: recipientsOf(state, actor.userId, (m) => !internal || isStaff(m.role)),
        masked,
        createdAt: at,
      },
    },
  ];
}

function assertContent({ data }: PostMessage): void {
  switch (data.type) {
    case 'text':
    case 'system':
      if (data.text === null || data.text.length === 0) throw invalidMessage('Text is required');
      if (data.attachment !== null) throw attachmentInvalid('A text message has no attachment');
      return;
    case 'image':
    case 'file':
      if (data.attachment === null)
        throw attachmentInvalid(`A ${data.type} message needs an attachment`);
      if (data.type === 'image' && !data.attachment.mime.startsWith('image/')) {
        throw attachmentInvalid(`An image message needs an image, not ${data.attachment.mime}`);
      }
      return;
  }
}

function invalidMessage(message: string) {
  return conversationError(ConversationErrorCode.MessageInvalid, message, 'invalid_command');
}

/** A cursor never moves back (then: no event) and never past the last message. */
export function markRead(command: MarkRead, state: ConversationState): ConversationEvent[] {
  const { conversationId, actor, deviceId, seq } = command.data;
  if (state.status === 'none') throw conversationNotFound(conversationId);
  if (!state.members.has(actor.userId)) throw notAMember(conversationId, actor.userId);
  if (!Number.isInteger(seq) || seq < 0 || seq > state.lastSeq) {
    throw conversationError(
      ConversationErrorCode.ReadSeqInvalid,
      `seq must be between 0 and ${state.lastSeq}`,
      'invalid_command',
      { seq, lastSeq: state.lastSeq },
    );
  }
  if (seq <= (state.cursors.get(cursorKey(actor.userId, deviceId)) ?? 0)) return [];
  return [
    {
      type: 'ReadCursorMoved',
      version: 1,
      data: {
        conversationId,
        userId: actor.userId,
        deviceId,
        seq,
        recipients: recipientsOf(state, ''),
        at: command.metadata.now.toISOString(),
      },
    },
  ];
}
