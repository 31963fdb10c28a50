/**
 * What a holder got from {@link Lease.acquire}: the right to act for `name` until the lease
 * expires, unless renewed first.
 */
export interface LeaseGrant {
  readonly name: string;
  readonly holder: string;
  /**
   * Fencing token: strictly greater than every earlier grant of the same name (on the same
   * store), so whoever checks it downstream can refuse a stale holder's late write.
   */
  readonly token: number;
}

/**
 * A named, time-limited lock with fencing tokens: at most one holder per name at a time.
 * The relay uses it so that exactly one instance publishes (issue 5: one active relay).
 *
 * Every adapter passes `libs/relay/test/contract/lease.contract.ts`:
 * - two holders compete for one name: exactly one is granted;
 * - when the holder stops renewing (or its process dies), another acquires within the TTL;
 * - `release` hands the lease over at once;
 * - `renew` after expiry fails, even when nobody took the lease meanwhile.
 *
 * Expiry is measured by the store (the database's clock, Redis's PX), never compared across
 * processes' clocks. A holder must nevertheless treat its lease as lost `ttlMs` after it SENT
 * the acquire or renew that granted it: see `LeaseKeeper`.
 */
export interface Lease {
  /**
   * Takes `name` for `holder` for `ttlMs` when nobody holds it (or the holding lease expired
   * or was released). A holder that still holds it gets a fresh grant (a new token).
   *
   * @returns the grant, or `undefined` when another holder's lease is live.
   * @throws when the store is out of reach (the caller retries; it holds nothing then).
   */
  acquire(name: string, holder: string, ttlMs: number): Promise<LeaseGrant | undefined>;

  /**
   * Extends `grant` by `ttlMs` from now.
   *
   * @returns `false` when the lease expired or belongs to someone else: the holder must stop.
   * @throws when the store is out of reach (the holder keeps its lease only until it expires).
   */
  renew(grant: LeaseGrant, ttlMs: number): Promise<boolean>;

  /** Gives the lease up at once, if `grant` still holds it (otherwise does nothing). */
  release(grant: LeaseGrant): Promise<void>;

  /** Closes connections; does not release (a killed process cannot either). */
  close(): Promise<void>;
}

/** DI token of the relay's Lease. */
export const RELAY_LEASE = Symbol('RelayLease');

export class LeaseClosedError extends Error {
  constructor(adapter: string) {
    super(`${adapter} lease is closed`);
    this.name = 'LeaseClosedError';
  }
}

const NAME = /^[A-Za-z0-9._:-]{1,128}$/;

/** Names and holders: short ids (they end up in keys and log lines). */
export function validateLeaseArgs(name: string, holder: string, ttlMs: number): void {
  if (!NAME.test(name)) throw new TypeError(`Lease name "${name}" must match ${String(NAME)}`);
  if (!NAME.test(holder)) {
    throw new TypeError(`Lease holder "${holder}" must match ${String(NAME)}`);
  }
  if (!Number.isInteger(ttlMs) || ttlMs < 1 || ttlMs > 3_600_000) {
    throw new RangeError(`Lease TTL must be an integer between 1 and 3600000 ms, got ${ttlMs}`);
  }
}
