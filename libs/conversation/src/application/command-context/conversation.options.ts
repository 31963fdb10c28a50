import { type ModuleMetadata } from '@nestjs/common';
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

/** Module-level wiring on top of the settings. */
export interface ConversationModuleWiring extends ConversationModuleOptions {
  /**
   * Modules whose exports the context uses: the one exporting UPLOAD_CATALOG
   * (`UploadsModule.forRoot()` in the app, a fake in tests).
   */
  readonly imports?: NonNullable<ModuleMetadata['imports']>;
}

export const CONVERSATION_OPTIONS = Symbol('ConversationModuleOptions');
