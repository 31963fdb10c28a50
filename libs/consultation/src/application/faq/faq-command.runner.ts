import { Inject, Injectable } from '@nestjs/common';
import { deriveEventId, DomainError, fold, handleCommand } from '@switchboard/es-core';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@switchboard/event-store';
import { CLOCK, type Clock } from '@switchboard/platform';
import {
  type FaqChange,
  type FaqCommand,
  faqDecider,
  type FaqEvent,
  type FaqState,
  faqStream,
} from '../../domain/faq';
import { commandMetadata, type RequestContext } from '@switchboard/platform';

function toFaqEvent(recorded: RecordedEvent): FaqEvent {
  const version = typeof recorded.metadata.version === 'number' ? recorded.metadata.version : 1;
  return { type: recorded.type, version, data: recorded.data } as FaqEvent;
}

/** The one command path for a domain's FAQ (`faq-<domain>`), and its state folded for reads. */
@Injectable()
export class FaqCommandRunner {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async run(domain: string, context: RequestContext, change: FaqChange): Promise<FaqState> {
    const id = 'entryId' in change.data ? change.data.entryId : change.data.replyId;
    const metadata = commandMetadata(context, this.clock, `faq/${domain}/${change.type}/${id}`);
    const command = { ...change, metadata } as FaqCommand;
    try {
      const result = await handleCommand(this.store, faqStream(domain), faqDecider, command, {
        toDomainEvent: toFaqEvent,
      });
      return result.state;
    } catch (error) {
      // A replayed Idempotency-Key whose command already landed: the decider now refuses it
      // (already added), but the caller asked for the same thing twice.
      if (context.idempotencyKey === undefined || !(error instanceof DomainError)) throw error;
      const events = await this.store.readStream(faqStream(domain));
      const firstEventId = deriveEventId(metadata.commandId, 0);
      if (!events.some((event) => event.id.toLowerCase() === firstEventId)) throw error;
      return fold(faqDecider, events.map(toFaqEvent));
    }
  }

  /** The domain's FAQ as the stream holds it now (reads see the caller's own writes). */
  async load(domain: string): Promise<FaqState> {
    const events = await this.store.readStream(faqStream(domain));
    return fold(faqDecider, events.map(toFaqEvent));
  }
}
