import { type ModerationOptions } from '../../domain';

/** Settings of the messaging context; every field has a default. */
export interface ConversationModuleOptions {
  /** Default: no words, no patterns, links allowed, mode `mask`. */
  readonly moderation?: ModerationOptions;
  /** Conversations whose state the writer keeps cached (LRU). Default 10,000. */
  readonly maxCachedConversations?: number;
  /** Longest a send waits for the read model to show it (read-your-writes). Default 2,000 ms. */
  readonly readYourWritesMs?: number;
}

export const CONVERSATION_OPTIONS = Symbol('ConversationModuleOptions');
