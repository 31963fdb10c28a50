import { type DomainEvent } from '@switchboard/es-core';
import {
  type ConversationClosedData,
  type ConversationCreatedData,
  type MemberAddedData,
  type MemberRemovedData,
  type MessagePostedData,
  type MessageRejectedData,
  type ReadCursorMovedData,
} from '@switchboard/contracts';

/**
 * Events of stream `conversation-<id>`. Their data IS the public `im.messages.v1` contract
 * (libs/contracts/src/im-messages.contract.ts): the relay publishes it unchanged, so a field
 * added here is a field added to the public contract.
 */
export type ConversationCreated = DomainEvent<'ConversationCreated', ConversationCreatedData>;
export type MemberAdded = DomainEvent<'MemberAdded', MemberAddedData>;
export type MemberRemoved = DomainEvent<'MemberRemoved', MemberRemovedData>;
export type MessagePosted = DomainEvent<'MessagePosted', MessagePostedData>;
export type MessageRejected = DomainEvent<'MessageRejected', MessageRejectedData>;
export type ReadCursorMoved = DomainEvent<'ReadCursorMoved', ReadCursorMovedData>;
export type ConversationClosed = DomainEvent<'ConversationClosed', ConversationClosedData>;

export type ConversationEvent =
  | ConversationCreated
  | MemberAdded
  | MemberRemoved
  | MessagePosted
  | MessageRejected
  | ReadCursorMoved
  | ConversationClosed;

/** Stream of one conversation. */
export function conversationStream(conversationId: string): string {
  return `${CONVERSATION_STREAM_PREFIX}${conversationId}`;
}

export const CONVERSATION_STREAM_PREFIX = 'conversation-';

/** Every group holds at most this many members (owner included). */
export const MAX_GROUP_MEMBERS = 500;
