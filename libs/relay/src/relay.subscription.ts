import type { EventHandler, EventStore, Subscription } from '@switchboard/event-store';
import type { RelayLogger } from './relay.options';

/**
 * The relay's `$all` subscription, re-opened with backoff whenever it fails (a read error, a
 * lost connection), always after the last event the relay was handed: the handler's events
 * are buffered, so they must not be delivered twice within one run.
 */
export class RelaySubscription {
  private current: Subscription | undefined;
  private timer: NodeJS.Timeout | undefined;
  private active = false;
  private failures = 0;
  /** Last failure, for the relay's stats. */
  lastError: string | undefined;

  constructor(
    private readonly relayName: string,
    private readonly store: EventStore,
    private readonly prefixes: readonly string[],
    private readonly options: {
      readonly retryDelayMs: number;
      readonly maxRetryDelayMs: number;
      readonly logger: RelayLogger;
    },
  ) {}

  /** `after()` is read at every (re)subscription. */
  open(after: () => number, handler: EventHandler): void {
    this.active = true;
    this.subscribe(after, handler);
  }

  /** Stops delivery; resolves once the handler is no longer running. */
  async close(): Promise<void> {
    this.active = false;
    clearTimeout(this.timer);
    const current = this.current;
    this.current = undefined;
    await current?.stop();
  }

  private subscribe(after: () => number, handler: EventHandler): void {
    if (!this.active) return;
    let subscription: Subscription | undefined;
    try {
      subscription = this.store.subscribeToAll(
        { after: after(), filter: { streamPrefixes: this.prefixes } },
        (event) => {
          this.failures = 0; // delivering again: the next failure starts the backoff afresh
          return handler(event);
        },
      );
      this.current = subscription;
      subscription.done.catch((error: unknown) => this.failed(error, subscription, after, handler));
    } catch (error) {
      this.failed(error, undefined, after, handler);
    }
  }

  private failed(
    error: unknown,
    subscription: Subscription | undefined,
    after: () => number,
    handler: EventHandler,
  ): void {
    if (!this.active || this.current !== subscription) return;
    this.current = undefined;
    this.lastError = error instanceof Error ? error.message : String(error);
    this.failures += 1;
    const { retryDelayMs, maxRetryDelayMs, logger } = this.options;
    const retryInMs = Math.min(
      maxRetryDelayMs,
      retryDelayMs * 2 ** Math.min(this.failures - 1, 30),
    );
    logger.error('Relay subscription failed; re-subscribing', {
      relay: this.relayName,
      after: after(),
      retryInMs,
      error: this.lastError,
    });
    this.timer = setTimeout(() => this.subscribe(after, handler), retryInMs);
  }
}
