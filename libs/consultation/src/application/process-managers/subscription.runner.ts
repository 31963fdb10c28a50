import {
  type EventFilter,
  type EventStore,
  type RecordedEvent,
  type Subscription,
} from '@switchboard/event-store';
import { describeError, type RuntimeLogger, silentLogger } from './runtime.logger';

/** `live` is false while the runner replays what was in the store when it started. */
export type RunnerHandler = (event: RecordedEvent, live: boolean) => Promise<void> | void;

export interface SubscriptionRunnerOptions {
  readonly name: string;
  readonly filter: EventFilter;
  readonly logger?: RuntimeLogger;
  /** Delay before resubscribing after the subscription failed. Default 1000 ms. */
  readonly restartDelayMs?: number;
}

/**
 * A catch-up subscription from position 0 that remembers the last position it applied, so a
 * redelivered event is skipped and a failed subscription resumes where it stopped. `start()`
 * resolves once every matching event that was stored at start has been handled: callers that
 * need a complete view (the router needs every agent) wait for it. A handler that throws is
 * logged; the event counts as handled (handlers are idempotent and log their own failures).
 */
export class SubscriptionRunner {
  private subscription: Subscription | undefined;
  private stopped = true;
  private lastPosition = 0;
  private head = 0;
  private restartTimer: NodeJS.Timeout | undefined;
  private caughtUp: (() => void) | undefined;
  private readonly logger: RuntimeLogger;

  constructor(
    private readonly store: EventStore,
    private readonly options: SubscriptionRunnerOptions,
    private readonly handler: RunnerHandler,
  ) {
    this.logger = options.logger ?? silentLogger;
  }

  /** Position of the last event handled (0 = none). */
  get position(): number {
    return this.lastPosition;
  }

  async start(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    const [last] = await this.store.readAll({
      direction: 'backwards',
      maxCount: 1,
      filter: this.options.filter,
    });
    this.head = last?.position ?? 0;
    const ready = new Promise<void>((resolve) => (this.caughtUp = resolve));
    if (this.lastPosition >= this.head) this.markCaughtUp();
    this.subscribe();
    await ready;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.restartTimer);
    this.markCaughtUp();
    const subscription = this.subscription;
    this.subscription = undefined;
    await subscription?.stop();
  }

  private subscribe(): void {
    const subscription = this.store.subscribeToAll(
      { after: this.lastPosition, filter: this.options.filter },
      (event) => this.deliver(event),
    );
    this.subscription = subscription;
    subscription.done.catch((error: unknown) => {
      if (this.stopped || this.subscription !== subscription) return;
      this.logger.error(`${this.options.name}: subscription failed: ${describeError(error)}`);
      this.restartTimer = setTimeout(() => {
        if (!this.stopped) this.subscribe();
      }, this.options.restartDelayMs ?? 1000);
    });
  }

  /**
   * Not `async`: a handler that finishes synchronously (the router's, for most events) costs
   * no promise and no microtask hop per event; a burst of 1,000 opens reaches every runner.
   */
  private deliver(event: RecordedEvent): Promise<void> | undefined {
    if (this.stopped || event.position <= this.lastPosition) return undefined;
    const live = this.caughtUp === undefined;
    let handled: Promise<void> | void = undefined;
    try {
      handled = this.handler(event, live);
    } catch (error) {
      this.failed(event, error);
    }
    if (handled === undefined) {
      this.handled(event, live);
      return undefined;
    }
    return handled.then(
      () => this.handled(event, live),
      (error: unknown) => {
        this.failed(event, error);
        this.handled(event, live);
      },
    );
  }

  private handled(event: RecordedEvent, live: boolean): void {
    this.lastPosition = event.position;
    if (!live && this.lastPosition >= this.head) this.markCaughtUp();
  }

  private failed(event: RecordedEvent, error: unknown): void {
    this.logger.error(
      `${this.options.name}: ${event.type} at ${event.position} failed: ${describeError(error)}`,
    );
  }

  private markCaughtUp(): void {
    const resolve = this.caughtUp;
    this.caughtUp = undefined;
    resolve?.();
  }
}
