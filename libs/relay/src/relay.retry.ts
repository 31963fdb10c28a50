import type { RelayLogger } from './relay.options';

/** The relay gave up because `stop()`'s time ran out; what was not published stays unsaved. */
export class RelayStoppedError extends Error {
  constructor() {
    super('Relay stopped before the operation succeeded');
    this.name = 'RelayStoppedError';
  }
}

/** The relay lost its lease: it must not publish or save a checkpoint any more. */
export class RelayFencedError extends RelayStoppedError {
  constructor() {
    super();
    this.message = 'Relay lost its lease: nothing more is published';
    this.name = 'RelayFencedError';
  }
}

/**
 * Retries one operation at a time with exponential backoff, for as long as the relay runs.
 * Once `stopAfter(ms)` is called the retries (and an attempt still pending, e.g. a publish to
 * an unreachable broker) are abandoned at that deadline with `RelayStoppedError`.
 */
export class RetryLoop {
  private failures = 0;
  private deadlineAt: number | undefined;
  private deadlineTimer: NodeJS.Timeout | undefined;
  /** Set when the deadline timer fired: timers may fire a millisecond before `Date.now()`
   * reaches `deadlineAt`, and an attempt started in that millisecond had nobody to abort it. */
  private expired = false;
  private abortCurrent: ((error: Error) => void) | undefined;
  private wakeSleeper: (() => void) | undefined;

  constructor(
    private readonly initialDelayMs: number,
    private readonly maxDelayMs: number,
    private readonly logger: RelayLogger,
    private readonly relayName: string,
  ) {}

  /** For a new run after `stop()`. */
  reset(): void {
    clearTimeout(this.deadlineTimer);
    this.deadlineAt = undefined;
    this.expired = false;
    this.failures = 0;
  }

  stopAfter(ms: number): void {
    this.deadlineAt = Date.now() + ms;
    this.wakeSleeper?.(); // a long backoff sleep re-checks against the deadline
    this.deadlineTimer = setTimeout(() => {
      this.expired = true;
      this.abortCurrent?.(new RelayStoppedError());
    }, ms);
  }

  /** Delay before the next attempt after one more failure (also used for re-subscribing). */
  nextDelay(): number {
    this.failures += 1;
    return Math.min(this.maxDelayMs, this.initialDelayMs * 2 ** Math.min(this.failures - 1, 30));
  }

  async run(
    what: string,
    operation: () => Promise<void>,
    onFailure: (error: unknown) => void,
  ): Promise<void> {
    for (;;) {
      if (this.expired || (this.deadlineAt !== undefined && Date.now() >= this.deadlineAt)) {
        throw new RelayStoppedError();
      }
      try {
        await this.attempt(operation);
        this.failures = 0;
        return;
      } catch (error) {
        if (error instanceof RelayStoppedError) throw error;
        onFailure(error);
        const delayMs = this.nextDelay();
        this.logger.warn(`Relay ${what} failed; retrying`, {
          relay: this.relayName,
          attempt: this.failures,
          retryInMs: delayMs,
          error: error instanceof Error ? error.message : String(error),
        });
        await this.sleep(delayMs);
      }
    }
  }

  private attempt(operation: () => Promise<void>): Promise<void> {
    // A fresh abort promise per attempt (not one long-lived one raced every time, which would
    // collect a reaction per call).
    const abort = new Promise<never>((_, reject) => {
      this.abortCurrent = reject;
    });
    return Promise.race([Promise.resolve().then(operation), abort]).finally(() => {
      this.abortCurrent = undefined;
    });
  }

  private sleep(ms: number): Promise<void> {
    const remaining =
      this.deadlineAt === undefined ? ms : Math.max(0, this.deadlineAt - Date.now());
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.wakeSleeper = undefined;
        resolve();
      };
      const timer = setTimeout(wake, Math.min(ms, remaining));
      this.wakeSleeper = wake;
    });
  }
}
