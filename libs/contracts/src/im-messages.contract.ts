/**
 * Messages on `im.messages.v1` (key: conversationId), contract v1. The `data` of each envelope
 * is exactly the stored event's data of stream `conversation-<conversationId>`. Consumers:
 * the dispatcher (fan-out), the consultation context (activity, reopen, FAQ answers), the data
 * service. Fields may be added inside v1; none is removed or retyped.
 */

/** Role of a participant as the platform knows it (`system` for automatic messages). */
export type ParticipantRole = 'customer' | 'agent' | 'supervisor' | 'admin' | 'system';

/** A member's standing inside a group conversation. */
export type MemberRole = 'owner' | 'admin' | 'member';

export type ConversationKind = 'direct' | 'group' | 'consultation';

export type MessageType = 'text' | 'image' | 'file' | 'system';

export interface ConversationMember {
  readonly userId: string;
  readonly role: ParticipantRole;
  readonly memberRole: MemberRole;
}

export interface MessageAttachment {
  /** Upload id (`POST /v1/uploads`). */
  readonly id: string;
  readonly name: string;
  /** Detected from the bytes, never from the name. */
  readonly mime: string;
  readonly size: number;
}

export interface ConversationCreatedData {
  readonly conversationId: string;
  readonly kind: ConversationKind;
  /** Business domain (travel, shop...); null for direct/group chats outside one. */
  readonly domain: string | null;
  /** Set for kind `consultation`. */
  readonly consultationId: string | null;
  readonly createdBy: string;
  readonly members: readonly ConversationMember[];
  readonly at: string;
}

export interface MemberAddedData {
  readonly conversationId: string;
  readonly member: ConversationMember;
  readonly by: string;
  readonly at: string;
}

export interface MemberRemovedData {
  readonly conversationId: string;
  readonly userId: string;
  readonly by: string;
  readonly at: string;
}

/** A recipient as known when the message was posted: every member but the sender. */
export interface MessageRecipient {
  readonly userId: string;
  readonly role: ParticipantRole;
}

export interface MessagePostedData {
  readonly conversationId: string;
  /** UUID, stable for (conversation, sender, clientMsgId). */
  readonly messageId: string;
  /** Dense per conversation: 1, 2, 3 ... */
  readonly seq: number;
  readonly senderId: string;
  readonly senderRole: ParticipantRole;
  readonly clientMsgId: string;
  readonly type: MessageType;
  readonly text: string | null;
  readonly attachment: MessageAttachment | null;
  /** Internal note: staff only, never delivered or shown to a customer. */
  readonly internal: boolean;
  readonly kind: ConversationKind;
  readonly domain: string | null;
  readonly consultationId: string | null;
  readonly recipients: readonly MessageRecipient[];
  /** Set when moderation masked parts of `text`. */
  readonly masked: boolean;
  readonly createdAt: string;
}

export interface MessageRejectedData {
  readonly conversationId: string;
  readonly senderId: string;
  readonly clientMsgId: string;
  /** Names of the moderation rules that matched. */
  readonly rules: readonly string[];
  readonly at: string;
}

export interface ReadCursorMovedData {
  readonly conversationId: string;
  readonly userId: string;
  readonly deviceId: string;
  readonly seq: number;
  /** Every member at that moment, the reader included (their other devices learn it too). */
  readonly recipients: readonly MessageRecipient[];
  readonly at: string;
}

export interface ConversationClosedData {
  readonly conversationId: string;
  readonly reason: string;
  readonly at: string;
}

/** `type` → `data` of every v1 message on `im.messages.v1`. */
export interface ImMessagesV1 {
  readonly ConversationCreated: ConversationCreatedData;
  readonly MemberAdded: MemberAddedData;
  readonly MemberRemoved: MemberRemovedData;
  readonly MessagePosted: MessagePostedData;
  readonly MessageRejected: MessageRejectedData;
  readonly ReadCursorMoved: ReadCursorMovedData;
  readonly ConversationClosed: ConversationClosedData;
}

export const IM_MESSAGE_TYPES = Object.freeze([
  'ConversationCreated',
  'MemberAdded',
  'MemberRemoved',
  'MessagePosted',
  'MessageRejected',
  'ReadCursorMoved',
  'ConversationClosed',
] as const satisfies readonly (keyof ImMessagesV1)[]);
