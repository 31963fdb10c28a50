/**
 * How long a consumer waits before handing a failed message to its handler again: exponential
 * from `baseMs`, capped at `maxMs`, so a poison message costs a few log lines a minute rather
 * than a hot loop, while a transient failure (a restarting database) is retried quickly.
 */
export interface RedeliveryPolicy {
  readonly baseMs: number;
  readonly maxMs: number;
}

export const DEFAULT_REDELIVERY: RedeliveryPolicy = { baseMs: 200, maxMs: 30_000 };

/** Delay before attempt `failures + 1`, given `failures` consecutive failures (≥ 1). */
export function redeliveryDelay(policy: RedeliveryPolicy, failures: number): number {
  const exponent = Math.min(Math.max(failures - 1, 0), 30);
  return Math.min(policy.baseMs * 2 ** exponent, policy.maxMs);
}
