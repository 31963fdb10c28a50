import { type BusLogger, type ConsumedMessage, consoleBusLogger } from '@switchboard/bus';
import { type ContractRegistry, defaultContractRegistry, isDlqTopic } from '@switchboard/contracts';
import type { EventStore, RecordedEvent } from '@switchboard/event-store';
import type { RelayRoute } from '@switchboard/relay/relay.options';
import { RelayRouter } from '@switchboard/relay/relay.router';
import type { RebuildSource, SourceProgress } from './rebuild.source';

export interface EventStoreRebuildSourceOptions {
  readonly eventStore: EventStore;
  /**
   * The relay's routes (`{streamPrefix, topic, toMessage?}`), from the caller: the data lib does
   * not import the contexts that own them. Only routes to the topics the data service reads
   * matter; the others are read and dropped.
   */
  readonly routes: readonly RelayRoute[];
  /** The topics to keep. */
  readonly topics: readonly string[];
  /** As the relay checks them before publishing (default: the contracts lib's registry). */
  readonly contracts?: ContractRegistry;
  /** Events read per page of `$all`. Default 2000. */
  readonly pageSize?: number;
  readonly logger?: BusLogger;
}

/**
 * Embedded mode's history: the event store's `$all`, each event mapped by the relay's own router
 * (same routes, same envelope mapping, same contract check), so the projector sees exactly the
 * messages the relay published. An event the relay would have dead-lettered is dropped, as the
 * data service never received it. Offsets are synthetic (a counter per topic): the in-process
 * bus keeps none across processes, so none are stored.
 */
export class EventStoreRebuildSource implements RebuildSource {
  readonly durableOffsets = false;
  private readonly router: RelayRouter;
  private readonly topics: ReadonlySet<string>;

  constructor(private readonly options: EventStoreRebuildSourceOptions) {
    const logger = options.logger ?? consoleBusLogger;
    this.router = new RelayRouter(
      options.routes,
      options.contracts ?? defaultContractRegistry,
      logger,
    );
    this.topics = new Set(options.topics);
  }

  describe(): string {
    return `event store $all (${this.router.prefixes.join(', ')})`;
  }

  async run(
    handle: (batch: readonly ConsumedMessage[], progress: SourceProgress) => Promise<void>,
  ): Promise<void> {
    const { eventStore } = this.options;
    const pageSize = this.options.pageSize ?? 2_000;
    const [last] = await eventStore.readAll({ direction: 'backwards', maxCount: 1 });
    const head = last?.position ?? 0;
    const filter = { streamPrefixes: this.router.prefixes };
    const offsets = new Map<string, number>();
    let after: number | undefined;
    let done = 0;
    for (;;) {
      const page = await eventStore.readAll({
        ...(after === undefined ? {} : { after }),
        maxCount: pageSize,
        filter,
      });
      if (page.length === 0) break;
      after = page[page.length - 1]!.position;
      const batch = page.flatMap((event) => this.messagesOf(event, offsets));
      done += batch.length;
      const fraction = head > 0 ? Math.min(1, after / head) : 1;
      if (batch.length > 0) await handle(batch, { done, fraction });
      if (page.length < pageSize || after >= head) break;
    }
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  private messagesOf(event: RecordedEvent, offsets: Map<string, number>): ConsumedMessage[] {
    return this.router
      .messagesFor(event)
      .filter((message) => !isDlqTopic(message.topic) && this.topics.has(message.topic))
      .map((message) => {
        const offset = offsets.get(message.topic) ?? 0;
        offsets.set(message.topic, offset + 1);
        return {
          topic: message.topic,
          partition: 0,
          offset: String(offset),
          key: message.key,
          value: message.value,
          headers: message.headers ?? {},
          timestamp: event.recordedAt,
        };
      });
  }
}
