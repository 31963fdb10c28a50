import {
  type ConversationKind,
  type ConversationMember,
  type MessageRecipient,
} from '@switchboard/contracts';
import { assertNever } from '@switchboard/es-core';
import { type ConversationEvent } from './conversation.events';
import { SentMessagesIndex, sentKey } from './sent-messages.index';

export type ConversationStatus = 'none' | 'open' | 'closed';

export interface ConversationState {
  readonly status: ConversationStatus;
  readonly conversationId: string;
  readonly kind: ConversationKind;
  readonly domain: string | null;
  readonly consultationId: string | null;
  readonly createdBy: string;
  /** By userId, in the order they joined. */
  readonly members: ReadonlyMap<string, ConversationMember>;
  /** Seq of the last message; 0 before the first. Independent of the stream revision. */
  readonly lastSeq: number;
  readonly sent: SentMessagesIndex;
  /** Read cursor by `cursorKey(userId, deviceId)`. */
  readonly cursors: ReadonlyMap<string, number>;
}

export const initialConversationState: ConversationState = Object.freeze({
  status: 'none',
  conversationId: '',
  kind: 'direct',
  domain: null,
  consultationId: null,
  createdBy: '',
  members: new Map(),
  lastSeq: 0,
  sent: SentMessagesIndex.empty(),
  cursors: new Map(),
});

export function cursorKey(userId: string, deviceId: string): string {
  return `${userId}\u0000${deviceId}`;
}

export function evolveConversation(
  state: ConversationState,
  event: ConversationEvent,
): ConversationState {
  switch (event.type) {
    case 'ConversationCreated': {
      const { conversationId, kind, domain, consultationId, createdBy, members } = event.data;
      return {
        ...initialConversationState,
        sent: SentMessagesIndex.empty(),
        status: 'open',
        conversationId,
        kind,
        domain,
        consultationId,
        createdBy,
        members: new Map(members.map((m) => [m.userId, m])),
      };
    }
    case 'MemberAdded': {
      const members = new Map(state.members);
      members.set(event.data.member.userId, event.data.member);
      return { ...state, members };
    }
    case 'MemberRemoved': {
      const members = new Map(state.members);
      members.delete(event.data.userId);
      return { ...state, members };
    }
    case 'MessagePosted': {
      const { senderId, clientMsgId, messageId, seq } = event.data;
      return {
        ...state,
        lastSeq: Math.max(state.lastSeq, seq),
        sent: state.sent.with(sentKey(senderId, clientMsgId), messageId, seq),
      };
    }
    case 'MessageRejected':
      return state;
    case 'ReadCursorMoved': {
      const cursors = new Map(state.cursors);
      cursors.set(cursorKey(event.data.userId, event.data.deviceId), event.data.seq);
      return { ...state, cursors };
    }
    case 'ConversationClosed':
      return { ...state, status: 'closed' };
    default:
      return assertNever(event);
  }
}

/** Every member but `exceptUserId` (pass '' for everyone). */
export function recipientsOf(
  state: ConversationState,
  exceptUserId: string,
  keep: (member: ConversationMember) => boolean = () => true,
): MessageRecipient[] {
  return [...state.members.values()]
    .filter((m) => m.userId !== exceptUserId && keep(m))
    .map((m) => ({ userId: m.userId, role: m.role }));
}
