import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@switchboard/event-store';
import { FAQ_STREAM_PREFIX, type FaqEvent } from '../../domain/faq';
import { SubscriptionRunner } from '../process-managers/subscription.runner';
import { FaqDomainIndex, type FaqMatch, type RankedCannedReply } from './faq-domain.index';

/**
 * The FAQ read model: a MiniSearch index per domain, fed by a `$all` catch-up subscription over
 * `faq-*` streams from position 0 (a restart rebuilds it from the log). Idempotent by position
 * (the runner skips what it already applied); an update replaces the document, a removal
 * discards it, so the index never answers with a text that is no longer in the FAQ.
 */
@Injectable()
export class FaqIndex implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(FaqIndex.name);
  private readonly domains = new Map<string, FaqDomainIndex>();
  private readonly runner: SubscriptionRunner;

  constructor(@Inject(EVENT_STORE) store: EventStore) {
    this.runner = new SubscriptionRunner(
      store,
      {
        name: 'faq-index',
        filter: { streamPrefixes: [FAQ_STREAM_PREFIX] },
        logger: this.logger,
      },
      (event) => this.apply(event),
    );
  }

  /** Last applied global position (0 before any). */
  get checkpoint(): number {
    return this.runner.position;
  }

  /** Resolves once every FAQ event stored at start is indexed. */
  onApplicationBootstrap(): Promise<void> {
    return this.runner.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.runner.stop();
  }

  /** Applies one stored event; other event types are ignored. */
  apply(recorded: Pick<RecordedEvent, 'type' | 'data'>): void {
    const event = recorded as FaqEvent;
    const index = this.domain(event.data.domain);
    switch (event.type) {
      case 'FaqEntryAdded':
      case 'FaqEntryUpdated': {
        const { domain: _domain, ...entry } = event.data;
        return index.putEntry(entry);
      }
      case 'FaqEntryRemoved':
        return index.removeEntry(event.data.entryId);
      case 'CannedReplyAdded':
      case 'CannedReplyUpdated': {
        const { domain: _domain, ...reply } = event.data;
        return index.putReply(reply);
      }
      case 'CannedReplyRemoved':
        return index.removeReply(event.data.replyId);
      default:
        return undefined;
    }
  }

  /** FAQ entries ranked for a text, best first; empty for an unknown domain. */
  match(domain: string, text: string, limit = 5): FaqMatch[] {
    return this.domains.get(domain)?.match(text, limit) ?? [];
  }

  /** Canned replies ranked for a text, then the rest; empty for an unknown domain. */
  rankReplies(domain: string, text: string, limit = 5): RankedCannedReply[] {
    return this.domains.get(domain)?.rankReplies(text, limit) ?? [];
  }

  private domain(domain: string): FaqDomainIndex {
    let index = this.domains.get(domain);
    if (index === undefined) {
      index = new FaqDomainIndex();
      this.domains.set(domain, index);
    }
    return index;
  }
}
