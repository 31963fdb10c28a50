import { Query } from '@nestjs/cqrs';
import { type AuthUser } from '@switchboard/platform';
import { type MessageView } from '../views/message.view';

export interface SyncCursor {
  readonly conversationId: string;
  /** Last seq the client holds (0 = none). */
  readonly afterSeq: number;
}

export interface SyncMessagesResult {
  /** Grouped by conversation in cursor order, each group in seq order. */
  readonly messages: readonly MessageView[];
  /** True when `limit` cut the answer short: ask again from the new cursors. */
  readonly more: boolean;
}

/**
 * Everything after each cursor that `actor` may read (members only; internal notes for staff
 * only). With `waitMs` > 0 and nothing to return yet, parks until a message arrives in one of
 * the conversations or the wait ends (then answers with no messages): the long-poll path.
 * Rejects with a typed DomainError for a conversation the actor may not read.
 */
export class SyncMessagesQuery extends Query<SyncMessagesResult> {
  constructor(
    readonly actor: AuthUser,
    readonly cursors: readonly SyncCursor[],
    readonly options: { readonly limit?: number; readonly waitMs?: number } = {},
  ) {
    super();
  }
}
