import { Inject, Injectable, Optional } from '@nestjs/common';
import { type CommandMetadata, StreamWriter, type StreamWriteResult } from '@switchboard/es-core';
import { EVENT_STORE, type EventStore } from '@switchboard/event-store';
import {
  CLOCK,
  type Clock,
  commandMetadata,
  type RequestContext,
  stableUuid,
} from '@switchboard/platform';
import {
  type ConversationCommand,
  conversationDecider,
  type ConversationEvent,
  type ConversationState,
  conversationStream,
} from '../../domain';
import { CONVERSATION_OPTIONS, type ConversationModuleOptions } from './conversation.options';

export type ConversationWriteResult = StreamWriteResult<ConversationEvent, ConversationState>;

/**
 * The one command path of the messaging context: every command for a conversation goes through
 * one in-process StreamWriter, so a busy conversation is written in batches with dense seqs
 * instead of racing itself. (Several processes writing one conversation still work: the
 * writer catches up on conflicts.)
 */
@Injectable()
export class ConversationWriter {
  private readonly writer: StreamWriter<ConversationCommand, ConversationEvent, ConversationState>;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Optional() @Inject(CONVERSATION_OPTIONS) options: ConversationModuleOptions | null,
  ) {
    this.writer = new StreamWriter(store, conversationDecider, {
      maxCachedStreams: options?.maxCachedConversations ?? 10_000,
    });
  }

  write(conversationId: string, command: ConversationCommand): Promise<ConversationWriteResult> {
    return this.writer.write(conversationStream(conversationId), command);
  }

  /** Metadata for a request's command (idempotency key honoured per route and conversation). */
  metadata(context: RequestContext, scope: string): CommandMetadata {
    return commandMetadata(context, this.clock, scope);
  }

  /** Metadata for a command caused by a bus message: the same message gives the same ids. */
  systemMetadata(causeId: string, scope: string, correlationId?: string): CommandMetadata {
    return {
      commandId: stableUuid('conversation-link', scope, causeId),
      now: this.clock.now(),
      userId: 'system',
      causationId: causeId,
      ...(correlationId === undefined ? {} : { correlationId }),
    };
  }
}
