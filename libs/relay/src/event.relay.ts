import type { Bus } from '@switchboard/bus';
import type { EventStore } from '@switchboard/event-store';
import type { CheckpointStore } from './checkpoint-store.port';
import {
  relaySettings,
  type RelayLogger,
  type RelayOptions,
  type RelayStats,
} from './relay.options';
import { RelayPublisher } from './relay.publisher';
import { RelayRouter } from './relay.router';
import { RelaySubscription } from './relay.subscription';

/**
 * Checkpointed relay from the event store's `$all` to bus topics (DESIGN: "the way a message
 * travels"). At-least-once, never skipping:
 *
 * 1. It subscribes after the stored checkpoint, filtered to its routes' stream prefixes.
 * 2. Events are buffered and published in batches: when `batchSize` messages wait, or after
 *    `lingerMs`. One batch is in flight at a time, so per-key order holds across batches.
 * 3. Only after the bus has durably accepted a batch is the checkpoint saved (the position of
 *    its last event). A crash therefore re-publishes at most the one batch whose checkpoint
 *    was not saved yet (≤ `batchSize` messages); consumers deduplicate by envelope id.
 * 4. A full buffer makes the subscription's handler wait (backpressure).
 * 5. A failed publish or save is retried with exponential backoff, without moving the
 *    checkpoint; a failed subscription is re-opened after the last handled event. Nothing is
 *    thrown at the caller after `start()`.
 * 6. `stop()` flushes the buffer and saves the checkpoint, for at most `stopTimeoutMs`.
 *
 * `start()` may be called again after `stop()`, so a lease holder can drive one instance.
 */
export class Relay {
  readonly name: string;
  private readonly store: EventStore;
  private readonly bus: Bus;
  private readonly checkpoints: CheckpointStore;
  private readonly router: RelayRouter;
  private readonly logger: RelayLogger;
  private readonly publisher: RelayPublisher;
  private readonly subscription: RelaySubscription;
  private readonly stopTimeoutMs: number;
  private readonly initialPosition: 'start' | 'end';
  private running = false;
  private starting: Promise<void> | undefined;

  constructor(options: RelayOptions) {
    const settings = relaySettings(options);
    this.name = options.name;
    this.store = options.store;
    this.bus = options.bus;
    this.checkpoints = options.checkpoints;
    this.logger = settings.logger;
    this.router = new RelayRouter(options.routes, settings.contracts, this.logger);
    this.publisher = new RelayPublisher(
      this.name,
      options.bus,
      options.checkpoints,
      settings,
      this.logger,
      options.fence,
    );
    this.subscription = new RelaySubscription(
      this.name,
      this.store,
      this.router.prefixes,
      settings,
    );
    this.stopTimeoutMs = settings.stopTimeoutMs;
    this.initialPosition = settings.initialPosition;
  }

  /**
   * Creates missing topics (routes' and their `.dlq`), loads the checkpoint and subscribes.
   * Resolves once subscribed, not once caught up.
   *
   * @throws when a topic, the checkpoint or the end of the log is out of reach; nothing runs
   *   then, and `start()` may be called again.
   */
  async start(): Promise<void> {
    if (this.running) return;
    this.starting ??= this.open().finally(() => (this.starting = undefined));
    return this.starting;
  }

  private async open(): Promise<void> {
    // A broker without topic auto-creation would otherwise fail every publish, forever.
    await this.bus.ensureTopics(this.router.topics);
    const stored = await this.checkpoints.load(this.name);
    const head = await this.headPosition();
    if (stored !== undefined && stored > head) {
      // The log was reset under the checkpoint: new events would be skipped until the log
      // grows past it. Not repaired automatically (that needs a human), but said loudly.
      this.logger.error('Relay checkpoint is past the end of the event log; was it reset?', {
        relay: this.name,
        checkpoint: stored,
        endOfLog: head,
      });
    }
    this.publisher.begin(stored ?? (this.initialPosition === 'end' ? head : 0));
    this.running = true;
    this.subscription.open(
      () => this.publisher.handledTo,
      (event) => this.publisher.accept(this.router.messagesFor(event), event.position),
    );
    this.logger.info?.('Relay started', { relay: this.name, after: this.publisher.saved });
  }

  /** Stops reading, publishes what is buffered and saves the checkpoint, within `stopTimeoutMs`. */
  async stop(): Promise<void> {
    await this.starting?.catch(() => undefined); // a stop during start stops what it started
    if (!this.running) return;
    this.running = false;
    this.publisher.stopAccepting(this.stopTimeoutMs);
    await this.subscription.close();
    const unpublished = await this.publisher.drain();
    if (unpublished > 0) {
      this.logger.warn('Relay stopped before everything buffered was published', {
        relay: this.name,
        unpublished,
        checkpoint: this.publisher.saved,
      });
    }
    this.logger.info?.('Relay stopped', { relay: this.name, checkpoint: this.publisher.saved });
  }

  /** Counters and positions of this instance (a cheap snapshot, for metrics). */
  get stats(): RelayStats {
    const { publisher } = this;
    const lastError = publisher.lastError ?? this.subscription.lastError;
    return {
      running: this.running,
      checkpoint: publisher.saved,
      handledPosition: publisher.handledTo,
      buffered: publisher.buffered,
      deadLettered: this.router.deadLettered,
      ...publisher.counters,
      ...(lastError === undefined ? {} : { lastError }),
    };
  }

  /**
   * How far the saved checkpoint trails the last event of the relayed streams, in global
   * positions (not a count of events: positions need not be dense). 0 once all is published.
   */
  async lag(): Promise<number> {
    return Math.max(0, (await this.headPosition(true)) - this.publisher.saved);
  }

  private async headPosition(filtered = false): Promise<number> {
    const filter = filtered ? { streamPrefixes: this.router.prefixes } : undefined;
    const [last] = await this.store.readAll({ direction: 'backwards', maxCount: 1, filter });
    return last?.position ?? 0;
  }
}
