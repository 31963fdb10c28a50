import { assertNever, type Decider } from '@switchboard/es-core';
import { type ConversationCommand } from './conversation.commands';
import { type ConversationEvent } from './conversation.events';
import {
  type ConversationState,
  evolveConversation,
  initialConversationState,
} from './conversation.state';
import { addMember, close, create, removeMember } from './conversation-members.decide';
import { markRead, postMessage } from './conversation-messages.decide';

export type ConversationDecider = Decider<
  ConversationCommand,
  ConversationEvent,
  ConversationState
>;

/**
 * The conversation aggregate (stream `conversation-<id>`): created once (direct, group or
 * consultation), members added and removed by who may, messages numbered 1, 2, 3... by a seq
 * kept in the state (other events interleave, so it is not the stream revision), sends
 * idempotent by (sender, clientMsgId) for the conversation's whole life, read cursors per
 * (user, device) that only move forward, and a close that follows the consultation's.
 */
export const conversationDecider: ConversationDecider = {
  initialState: initialConversationState,
  evolve: evolveConversation,
  decide(command, state) {
    switch (command.type) {
      case 'create':
        return create(command, state);
      case 'addMember':
        return addMember(command, state);
      case 'removeMember':
        return removeMember(command, state);
      case 'postMessage':
        return postMessage(command, state);
      case 'markRead':
        return markRead(command, state);
      case 'close':
        return close(command, state);
      default:
        return assertNever(command);
    }
  },
};
