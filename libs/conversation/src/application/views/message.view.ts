import {
  type ConversationKind,
  type ConversationMember,
  type MessageAttachment,
  type MessageType,
  type ParticipantRole,
} from '@switchboard/contracts';

/**
 * A message as clients see it: the `message.new` payload, the `message.send` ack's `message`,
 * and one item of history / sync / long-poll answers (DESIGN: public contracts v1).
 */
export interface MessageView {
  readonly id: string;
  readonly conversationId: string;
  readonly seq: number;
  readonly senderId: string;
  readonly senderRole: ParticipantRole;
  readonly clientMsgId: string;
  readonly type: MessageType;
  readonly text?: string;
  readonly attachment?: MessageAttachment;
  /** Only ever true for staff readers: customers never receive internal notes. */
  readonly internal: boolean;
  readonly createdAt: string;
}

/** A conversation as its members see it. */
export interface ConversationView {
  readonly id: string;
  readonly kind: ConversationKind;
  readonly domain: string | null;
  readonly consultationId: string | null;
  readonly members: readonly ConversationMember[];
  /** Seq of the last message (0 = none yet). */
  readonly lastSeq: number;
  readonly closed: boolean;
  /** userId → the furthest seq that user has read on any device (absent: nothing read). */
  readonly readBy: Readonly<Record<string, number>>;
}
