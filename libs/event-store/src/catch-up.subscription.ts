import type {
  EventFilter,
  EventHandler,
  RecordedEvent,
  SubscribeToAllOptions,
  Subscription,
} from './event-store.port';

/**
 * One page of `$all` for a catch-up subscription. A plain array means: these are the next
 * matching events, and a page shorter than `maxCount` means "caught up".
 *
 * `scannedTo`, when given, promises that no matching event with a position in
 * `(after, scannedTo]` is missing from `events`; it lets a filtered subscription skip past long
 * runs of events it does not want instead of rescanning them on every wake-up.
 */
export interface CatchUpPage {
  readonly events: readonly RecordedEvent[];
  readonly scannedTo?: number;
  /** Read again at once even though the page is short (the reader stopped scanning early). */
  readonly hasMore?: boolean;
}

/**
 * Reads up to `maxCount` matching events with a position strictly greater than `after`, in
 * position order. Adapters pass their `readAll` (or a cheaper internal variant).
 */
export type CatchUpReader = (
  after: number,
  maxCount: number,
  filter: EventFilter | undefined,
) => Promise<readonly RecordedEvent[] | CatchUpPage>;

export interface CatchUpOptions extends SubscribeToAllOptions {
  /** Events read per page. Default 1000. */
  readonly batchSize?: number;
  /**
   * Fallback poll: re-read even without `notify()`, to see appends this process was not told
   * about (another process on the same SQLite file, a lost PostgreSQL notification). 0 or
   * absent: wait for `notify()` only.
   */
  readonly pollIntervalMs?: number;
}

const DEFAULT_BATCH_SIZE = 1000;

/**
 * The one catch-up subscription every polling adapter reuses (SQLite, PostgreSQL).
 *
 * It reads pages after its checkpoint and hands each event to the handler, awaiting it, until a
 * page comes back short; then it sleeps until `notify()` (the adapter calls it after each
 * commit) or the poll timer. There is no separate "live" mode, so there is no hand-over that
 * could drop or repeat an event: live delivery is just the next page read.
 *
 * The race between "caught up" and "a commit lands" is closed by a dirty flag: it is cleared
 * BEFORE each read and set by every `notify()`. A commit that the read could not see notifies
 * after the flag was cleared, so the loop reads again instead of sleeping.
 *
 * Adapters must give positions in commit order (the port requires it); otherwise a late commit
 * with a lower position would land behind the checkpoint and be skipped.
 *
 * Do not await `stop()` from inside the handler: `stop()` waits for the handler to return.
 */
export class CatchUpSubscription implements Subscription {
  readonly done: Promise<void>;
  private checkpoint: number;
  private dirty = true;
  private stopped = false;
  private wake: (() => void) | undefined;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly filter: EventFilter | undefined;

  constructor(
    private readonly read: CatchUpReader,
    private readonly handler: EventHandler,
    options: CatchUpOptions = {},
  ) {
    this.checkpoint = options.after ?? 0;
    this.filter = options.filter;
    this.batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE);
    this.pollIntervalMs = options.pollIntervalMs ?? 0;
    this.done = this.run();
    // `done` still rejects for whoever awaits it; this only keeps a subscriber that never looks
    // at `done` from crashing the process with an unhandled rejection.
    this.done.catch(() => undefined);
  }

  /** Something may have been committed: read again before sleeping. Cheap; call freely. */
  notify(): void {
    this.dirty = true;
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.done.catch(() => undefined);
  }

  /** Position of the last event handled (or skipped by the filter). */
  get position(): number {
    return this.checkpoint;
  }

  private async run(): Promise<void> {
    // Let the constructor return (and the adapter register us) before the first read.
    await Promise.resolve();
    while (!this.stopped) {
      this.dirty = false;
      let page: CatchUpPage;
      try {
        page = toPage(await this.read(this.checkpoint, this.batchSize, this.filter));
      } catch (error) {
        if (this.stopped) return; // e.g. the store closed under a read we no longer want
        throw error;
      }
      for (const event of page.events) {
        if (this.stopped) return;
        // Defensive: a reader that re-sends an event must not make us deliver it twice.
        if (event.position <= this.checkpoint) continue;
        const handled = this.handler(event);
        if (handled !== undefined) await handled;
        this.checkpoint = event.position;
      }
      if (page.scannedTo !== undefined && page.scannedTo > this.checkpoint) {
        this.checkpoint = page.scannedTo;
      }
      if (page.events.length >= this.batchSize || page.hasMore === true) {
        // A synchronous reader and handler would otherwise monopolise the event loop for the
        // whole catch-up; one macrotask per page keeps appends and sockets moving.
        await yieldToEventLoop();
        continue;
      }
      if (!this.dirty && !this.stopped) await this.sleep();
    }
  }

  private sleep(): Promise<void> {
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      this.wake = () => {
        this.wake = undefined;
        if (timer !== undefined) clearTimeout(timer);
        resolve();
      };
      if (this.pollIntervalMs > 0) timer = setTimeout(this.wake, this.pollIntervalMs);
    });
  }
}

/**
 * The live subscriptions of one adapter: starts them, wakes them all after a commit, stops them
 * all on close.
 */
export class CatchUpSubscriptions {
  private readonly active = new Set<CatchUpSubscription>();

  constructor(
    private readonly defaults: Pick<CatchUpOptions, 'batchSize' | 'pollIntervalMs'> = {},
  ) {}

  start(read: CatchUpReader, handler: EventHandler, options: SubscribeToAllOptions): Subscription {
    const subscription = new CatchUpSubscription(read, handler, { ...this.defaults, ...options });
    this.active.add(subscription);
    const forget = (): void => {
      this.active.delete(subscription);
    };
    subscription.done.then(forget, forget);
    return subscription;
  }

  notify(): void {
    for (const subscription of this.active) subscription.notify();
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.active].map((subscription) => subscription.stop()));
  }

  get size(): number {
    return this.active.size;
  }
}

function toPage(result: readonly RecordedEvent[] | CatchUpPage): CatchUpPage {
  return Array.isArray(result) ? { events: result } : (result as CatchUpPage);
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
