import type { Bus, OutgoingMessage } from '@switchboard/bus';
import { defaultContractRegistry } from '@switchboard/contracts';
import type { EventStore, RecordedEvent, Subscription } from '@switchboard/event-store';
import type { CheckpointStore } from './checkpoint-store.port';
import { RelayRouter } from './relay.router';
import {
  consoleRelayLogger,
  RELAY_DEFAULTS,
  type RelayLogger,
  type RelayOptions,
  type RelayStats,
} from './relay.options';
import { RetryLoop, RelayStoppedError } from './relay.retry';

interface Pending {
  readonly messages: readonly OutgoingMessage[];
  readonly position: number;
}

/**
 * Checkpointed relay from the event store's `$all` to bus topics (DESIGN: "the way a message
 * travels"). At-least-once, never skipping:
 *
 * 1. It subscribes after the stored checkpoint, filtered to its routes' stream prefixes.
 * 2. Events are buffered and published in batches: when `batchSize` are waiting, or after
 *    `lingerMs`. One batch is in flight at a time, so per-key order holds across batches.
 * 3. Only after the bus has durably accepted a batch is the checkpoint saved (the position of
 *    its last event). A crash therefore re-publishes at most the one batch whose checkpoint
 *    was not saved yet (≤ `batchSize` events); consumers deduplicate by envelope id.
 * 4. A full buffer makes the subscription's handler wait (backpressure), so a slow bus slows
 *    the reading instead of growing memory.
 * 5. A failed publish or save is retried with exponential backoff, forever while running,
 *    without moving the checkpoint; a failed subscription is re-opened from the last handled
 *    event. Nothing is thrown at the caller after `start()`.
 * 6. `stop()` flushes what is buffered and saves the checkpoint, for at most `stopTimeoutMs`.
 *
 * `start()` may be called again after `stop()` (a lease holder can drive one instance).
 */
export class Relay {
  readonly name: string;
  private readonly store: EventStore;
  private readonly bus: Bus;
  private readonly checkpoints: CheckpointStore;
  private readonly router: RelayRouter;
  private readonly logger: RelayLogger;
  private readonly batchSize: number;
  private readonly lingerMs: number;
  private readonly maxBuffered: number;
  private readonly stopTimeoutMs: number;
  private readonly initialPosition: 'start' | 'end';
  private readonly retry: RetryLoop;

  private running = false;
  private subscription: Subscription | undefined;
  private resubscribeTimer: NodeJS.Timeout | undefined;
  private lingerTimer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private spaceWaiters: (() => void)[] = [];
  private pending: Pending[] = [];
  private bufferedMessages = 0;
  private handledTo = 0;
  private saved = 0;
  private counters = { published: 0, batches: 0, publishFailures: 0, checkpointFailures: 0 };
  private lastError: string | undefined;

  constructor(options: RelayOptions) {
    if (typeof options.name !== 'string' || options.name.length === 0) {
      throw new Error('Relay: name must be a non-empty string');
    }
    this.name = options.name;
    this.store = options.store;
    this.bus = options.bus;
    this.checkpoints = options.checkpoints;
    this.logger = options.logger ?? consoleRelayLogger;
    const contracts =
      options.contracts === false ? undefined : (options.contracts ?? defaultContractRegistry);
    this.router = new RelayRouter(options.routes, contracts, this.logger);
    this.batchSize = positive(options.batchSize ?? RELAY_DEFAULTS.batchSize, 'batchSize');
    this.lingerMs = Math.max(0, options.lingerMs ?? RELAY_DEFAULTS.lingerMs);
    this.maxBuffered = Math.max(this.batchSize, options.maxBuffered ?? 2 * this.batchSize);
    this.stopTimeoutMs = Math.max(0, options.stopTimeoutMs ?? RELAY_DEFAULTS.stopTimeoutMs);
    this.initialPosition = options.initialPosition ?? 'start';
    this.retry = new RetryLoop(
      options.retryDelayMs ?? RELAY_DEFAULTS.retryDelayMs,
      options.maxRetryDelayMs ?? RELAY_DEFAULTS.maxRetryDelayMs,
      this.logger,
      this.name,
    );
  }

  /**
   * Loads the checkpoint and subscribes. Resolves once subscribed (not once caught up).
   *
   * @throws when the checkpoint cannot be loaded; nothing is running then.
   */
  async start(): Promise<void> {
    if (this.running) return;
    const stored = await this.checkpoints.load(this.name);
    const head = await this.headPosition();
    if (stored !== undefined && stored > head) {
      // A checkpoint past the end of the log means the log was reset under it: every new event
      // would be skipped until the log grows past the old position. Say so loudly.
      this.logger.error(
        'Relay checkpoint is beyond the end of the event log; was the store reset?',
        {
          relay: this.name,
          checkpoint: stored,
          endOfLog: head,
        },
      );
    }
    this.saved = stored ?? (this.initialPosition === 'end' ? head : 0);
    this.handledTo = this.saved;
    this.pending = [];
    this.bufferedMessages = 0;
    this.retry.reset();
    this.running = true;
    this.subscribe();
    this.logger.info?.('Relay started', { relay: this.name, after: this.saved });
  }

  /** Stops reading, publishes what is buffered and saves the checkpoint (bounded in time). */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.retry.stopAfter(this.stopTimeoutMs);
    clearTimeout(this.resubscribeTimer);
    this.releaseWaiters();
    await this.subscription?.stop();
    this.subscription = undefined;
    clearTimeout(this.lingerTimer);
    this.lingerTimer = undefined;
    try {
      await this.flushing;
      await this.flush();
    } catch (error) {
      if (!(error instanceof RelayStoppedError)) throw error;
      this.logger.warn('Relay stopped before everything buffered was published', {
        relay: this.name,
        unpublished: this.bufferedMessages,
        checkpoint: this.saved,
      });
    }
    this.logger.info?.('Relay stopped', { relay: this.name, checkpoint: this.saved });
  }

  get stats(): RelayStats {
    return {
      running: this.running,
      checkpoint: this.saved,
      handledPosition: this.handledTo,
      buffered: this.bufferedMessages,
      deadLettered: this.router.deadLettered,
      ...this.counters,
      ...(this.lastError === undefined ? {} : { lastError: this.lastError }),
    };
  }

  /**
   * How far the saved checkpoint trails the last event of the relayed streams, in global
   * positions (not an event count: positions are not dense). 0 when everything is published.
   */
  async lag(): Promise<number> {
    return Math.max(0, (await this.headPosition(true)) - this.saved);
  }

  private subscribe(): void {
    try {
      const subscription = this.store.subscribeToAll(
        { after: this.handledTo, filter: { streamPrefixes: this.router.prefixes } },
        (event) => this.onEvent(event),
      );
      this.subscription = subscription;
      subscription.done.catch((error: unknown) => this.resubscribeAfter(error, subscription));
    } catch (error) {
      this.resubscribeAfter(error, undefined);
    }
  }

  private resubscribeAfter(error: unknown, failed: Subscription | undefined): void {
    if (!this.running || this.subscription !== failed) return;
    this.subscription = undefined;
    this.lastError = String(error);
    const delayMs = this.retry.nextDelay();
    this.logger.error('Relay subscription failed; re-subscribing', {
      relay: this.name,
      after: this.handledTo,
      retryInMs: delayMs,
      error: this.lastError,
    });
    this.resubscribeTimer = setTimeout(() => this.running && this.subscribe(), delayMs);
  }

  private async onEvent(event: RecordedEvent): Promise<void> {
    const messages = this.router.messagesFor(event);
    this.handledTo = event.position;
    if (messages.length > 0) {
      this.pending.push({ messages, position: event.position });
      this.bufferedMessages += messages.length;
    }
    if (this.bufferedMessages >= this.batchSize) this.kick();
    else if (this.lingerTimer === undefined) {
      this.lingerTimer = setTimeout(() => this.kick(), this.lingerMs);
    }
    while (this.running && this.bufferedMessages >= this.maxBuffered) {
      await new Promise<void>((resolve) => this.spaceWaiters.push(resolve));
    }
  }

  /** Starts the flush loop unless it is running (it picks up whatever arrived meanwhile). */
  private kick(): void {
    clearTimeout(this.lingerTimer);
    this.lingerTimer = undefined;
    if (this.flushing !== undefined) return;
    this.flushing = this.flush()
      .catch((error: unknown) => {
        if (!(error instanceof RelayStoppedError)) {
          this.logger.error('Relay flush failed', { relay: this.name, error: String(error) });
        }
      })
      .finally(() => {
        this.flushing = undefined;
        if (this.running && (this.bufferedMessages > 0 || this.handledTo > this.saved)) {
          if (this.bufferedMessages >= this.batchSize) this.kick();
          else this.lingerTimer ??= setTimeout(() => this.kick(), this.lingerMs);
        }
      });
  }

  /** Publishes full batches (and, when stopping or idle, the rest), saving after each. */
  private async flush(): Promise<void> {
    for (;;) {
      const batch = this.takeBatch();
      if (batch.messages.length > 0) {
        await this.retry.run(
          'publish',
          () => this.bus.publish(batch.messages),
          (error) => {
            this.counters.publishFailures += 1;
            this.lastError = String(error);
          },
        );
        this.pending.splice(0, batch.events);
        this.bufferedMessages -= batch.messages.length;
        this.counters.published += batch.messages.length;
        this.counters.batches += 1;
        this.releaseWaiters();
      }
      // Nothing buffered: every handled event is published or was not for any topic.
      const target = this.pending.length === 0 ? this.handledTo : batch.lastPosition;
      if (target > this.saved) {
        await this.retry.run(
          'save checkpoint',
          () => this.checkpoints.save(this.name, target),
          (error) => {
            this.counters.checkpointFailures += 1;
            this.lastError = String(error);
          },
        );
        this.saved = Math.max(this.saved, target);
      }
      const more = this.running
        ? this.bufferedMessages >= this.batchSize
        : this.bufferedMessages > 0;
      if (!more) return;
    }
  }

  /** The first events of the buffer, up to `batchSize` messages (an event's messages stay together). */
  private takeBatch(): { messages: OutgoingMessage[]; events: number; lastPosition: number } {
    const messages: OutgoingMessage[] = [];
    let events = 0;
    let lastPosition = this.saved;
    for (const entry of this.pending) {
      if (events > 0 && messages.length + entry.messages.length > this.batchSize) break;
      messages.push(...entry.messages);
      lastPosition = entry.position;
      events += 1;
    }
    return { messages, events, lastPosition };
  }

  private releaseWaiters(): void {
    const waiters = this.spaceWaiters;
    this.spaceWaiters = [];
    for (const wake of waiters) wake();
  }

  private async headPosition(filtered = false): Promise<number> {
    const filter = filtered ? { streamPrefixes: this.router.prefixes } : undefined;
    const [last] = await this.store.readAll({ direction: 'backwards', maxCount: 1, filter });
    return last?.position ?? 0;
  }
}

function positive(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1)
    throw new RangeError(`Relay: ${name} must be a positive integer`);
  return value;
}
