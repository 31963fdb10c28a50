import { type Lease, LeaseClosedError, type LeaseGrant, validateLeaseArgs } from './lease.port';

interface Held {
  readonly holder: string;
  readonly token: number;
  readonly expiresAt: number;
}

/**
 * Leases inside one process (RELAY_LEASE=none): the only relay in the process is always
 * granted, and two holders sharing one instance (tests) still compete by the contract's rules.
 * `now` is injectable for tests that want to move time themselves.
 */
export class InMemoryLease implements Lease {
  private readonly held = new Map<string, Held>();
  private readonly tokens = new Map<string, number>();
  private closed = false;

  constructor(private readonly now: () => number = () => performance.now()) {}

  async acquire(name: string, holder: string, ttlMs: number): Promise<LeaseGrant | undefined> {
    this.assertOpen();
    validateLeaseArgs(name, holder, ttlMs);
    const current = this.held.get(name);
    const now = this.now();
    if (current !== undefined && current.expiresAt > now && current.holder !== holder) {
      return undefined;
    }
    const token = (this.tokens.get(name) ?? 0) + 1;
    this.tokens.set(name, token);
    this.held.set(name, { holder, token, expiresAt: now + ttlMs });
    return { name, holder, token };
  }

  async renew(grant: LeaseGrant, ttlMs: number): Promise<boolean> {
    this.assertOpen();
    validateLeaseArgs(grant.name, grant.holder, ttlMs);
    const current = this.held.get(grant.name);
    const now = this.now();
    if (!isHeldBy(current, grant) || current.expiresAt <= now) return false;
    this.held.set(grant.name, { ...current, expiresAt: now + ttlMs });
    return true;
  }

  async release(grant: LeaseGrant): Promise<void> {
    this.assertOpen();
    if (isHeldBy(this.held.get(grant.name), grant)) this.held.delete(grant.name);
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  private assertOpen(): void {
    if (this.closed) throw new LeaseClosedError('In-memory');
  }
}

function isHeldBy(current: Held | undefined, grant: LeaseGrant): current is Held {
  return current?.holder === grant.holder && current.token === grant.token;
}
