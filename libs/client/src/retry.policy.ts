/** Backoff between attempts of one request (sends, syncs, reconnects of the long-poll loop). */
export interface RetryOptions {
  /** First delay; doubles per attempt. Default 200 ms. */
  readonly initialDelayMs?: number;
  /** Ceiling of the delay. Default 5 s. */
  readonly maxDelayMs?: number;
  /** Attempts before giving up on a retryable error. Default: unlimited. */
  readonly maxAttempts?: number;
}

export interface RetryPolicy {
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  readonly maxAttempts: number;
}

export function retryPolicy(options: RetryOptions = {}): RetryPolicy {
  return {
    initialDelayMs: options.initialDelayMs ?? 200,
    maxDelayMs: options.maxDelayMs ?? 5_000,
    maxAttempts: options.maxAttempts ?? Number.POSITIVE_INFINITY,
  };
}

/**
 * Exponential with "equal jitter": half fixed, half random, so that thousands of clients
 * dropped by one gateway do not come back in lockstep.
 */
export function backoffDelay(policy: RetryPolicy, attempt: number): number {
  const ceiling = Math.min(
    policy.maxDelayMs,
    policy.initialDelayMs * 2 ** Math.max(0, attempt - 1),
  );
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
