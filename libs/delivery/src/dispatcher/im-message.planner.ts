import {
  type Envelope,
  type MessagePostedData,
  type MessageRecipient,
  type ReadCursorMovedData,
} from '@switchboard/contracts';
import { PUSH_BODY_MAX_CHARS } from '@switchboard/contracts/push-requests.contract';
import type { AudienceTarget } from '../fan-out/delivery.service';
import { asRecord, type DispatchPlan, requireString, UnplannableEventError } from './dispatch.plan';

/**
 * Plans for `im.messages.v1`. Only MessagePosted and ReadCursorMoved reach clients:
 * ConversationCreated, MemberAdded/Removed, MessageRejected and ConversationClosed change
 * nothing on a screen that the next message or sync would not show (the sender of a rejected
 * message already has the error in its ack).
 */
export function planImMessage(envelope: Envelope): DispatchPlan[] {
  switch (envelope.type) {
    case 'MessagePosted':
      return [planMessagePosted(envelope)];
    case 'ReadCursorMoved':
      return [planReadCursorMoved(envelope)];
    default:
      return [];
  }
}

function planMessagePosted(envelope: Envelope): DispatchPlan {
  const record = asRecord(envelope);
  requireString(envelope, record, 'messageId');
  requireString(envelope, record, 'conversationId');
  requireString(envelope, record, 'senderId');
  const data = record as unknown as MessagePostedData;
  if (!Number.isInteger(data.seq)) throw new UnplannableEventError(envelope, 'data.seq');
  const recipients = recipientsOf(envelope, data.recipients);
  const internal = data.internal === true;
  // The sender comes first, unpushable: its other devices see what the first one sent. The
  // sending device gets it too (the event does not name it) and drops it by message id.
  const audience: AudienceTarget[] = [
    { userId: data.senderId, role: data.senderRole, pushable: false },
    ...recipients,
  ];
  const payload = {
    id: data.messageId,
    conversationId: data.conversationId,
    seq: data.seq,
    senderId: data.senderId,
    senderRole: data.senderRole,
    clientMsgId: data.clientMsgId,
    type: data.type,
    ...(typeof data.text === 'string' ? { text: data.text } : {}),
    ...(data.attachment != null ? { attachment: data.attachment } : {}),
    internal,
    createdAt: data.createdAt,
  };
  return {
    event: 'message.new',
    audience,
    payload,
    options: { ack: true, internal, system: data.type === 'system', domain: data.domain ?? null },
    push: {
      conversationId: data.conversationId,
      messageId: data.messageId,
      title: titleOf(data),
      body: internal ? null : bodyOf(data.text),
      domain: data.domain ?? null,
      at: data.createdAt,
    },
  };
}

function planReadCursorMoved(envelope: Envelope): DispatchPlan {
  const record = asRecord(envelope);
  const userId = requireString(envelope, record, 'userId');
  const deviceId = requireString(envelope, record, 'deviceId');
  const data = record as unknown as ReadCursorMovedData;
  const recipients = recipientsOf(envelope, data.recipients);
  const reader = recipients.find((member) => member.userId === userId);
  // The reader first, minus the device that read: its other devices clear their badge.
  const audience: AudienceTarget[] = [
    { userId, role: reader?.role ?? 'customer', exceptDeviceId: deviceId, pushable: false },
    ...recipients,
  ];
  return {
    event: 'read',
    audience,
    payload: { conversationId: data.conversationId, userId, deviceId, seq: data.seq },
    options: { ack: false },
  };
}

function recipientsOf(envelope: Envelope, value: unknown): AudienceTarget[] {
  if (!Array.isArray(value)) throw new UnplannableEventError(envelope, 'data.recipients');
  return (value as unknown[]).map((item) => {
    const recipient = item as Partial<MessageRecipient> | null;
    if (typeof recipient?.userId !== 'string' || typeof recipient.role !== 'string') {
      throw new UnplannableEventError(envelope, 'data.recipients[] needs userId and role');
    }
    return { userId: recipient.userId, role: recipient.role };
  });
}

function titleOf(data: MessagePostedData): string {
  if (data.type === 'system') return 'Update on your conversation';
  if (data.senderRole === 'customer') return 'New message';
  return 'New message from customer service';
}

/** The text cut to the push limit on a code point boundary; null without text. */
export function bodyOf(text: string | null | undefined): string | null {
  if (typeof text !== 'string' || text.length === 0) return null;
  const chars = [...text];
  if (chars.length <= PUSH_BODY_MAX_CHARS) return text;
  return `${chars.slice(0, PUSH_BODY_MAX_CHARS - 1).join('')}…`;
}
