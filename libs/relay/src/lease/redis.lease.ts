import { Redis } from 'ioredis';
import { type Lease, LeaseClosedError, type LeaseGrant, validateLeaseArgs } from './lease.port';

export interface RedisLeaseOptions {
  readonly url: string;
  /** Key prefix. Default `sb:`. */
  readonly prefix?: string;
}

// KEYS[1] lease key, KEYS[2] token counter; ARGV holder, ttl. Free or ours → new token.
const ACQUIRE = `
local current = redis.call('GET', KEYS[1])
if current and string.match(current, '^[^ ]+') ~= ARGV[1] then return false end
local token = redis.call('INCR', KEYS[2])
redis.call('SET', KEYS[1], ARGV[1] .. ' ' .. token, 'PX', ARGV[2])
return token`;

// Compare-and-renew: only the exact grant (holder and token) may extend it.
const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * Leases as Redis keys holding `"<holder> <token>"` with a PX TTL; acquire, renew and release
 * are Lua scripts so each compare-and-set is atomic. Tokens come from an INCR counter that
 * never expires. Caveat: a FLUSHALL (or a failover that loses writes) resets the counter and
 * can grant a lease twice; where that matters use the PostgreSQL adapter.
 */
export class RedisLease implements Lease {
  private closed = false;
  private readonly prefix: string;

  private constructor(
    private readonly client: Redis,
    prefix: string,
  ) {
    this.prefix = prefix;
  }

  static async open(options: RedisLeaseOptions): Promise<RedisLease> {
    const client = new Redis(options.url, {
      lazyConnect: true,
      maxRetriesPerRequest: 1,
      connectTimeout: 5_000,
    });
    client.on('error', () => undefined);
    try {
      await client.connect();
    } catch (error) {
      client.disconnect();
      throw error;
    }
    return new RedisLease(client, options.prefix ?? 'sb:');
  }

  async acquire(name: string, holder: string, ttlMs: number): Promise<LeaseGrant | undefined> {
    this.assertOpen();
    validateLeaseArgs(name, holder, ttlMs);
    const token = (await this.client.eval(
      ACQUIRE,
      2,
      this.key(name),
      `${this.key(name)}:token`,
      holder,
      ttlMs,
    )) as number | null;
    return token === null ? undefined : { name, holder, token: Number(token) };
  }

  async renew(grant: LeaseGrant, ttlMs: number): Promise<boolean> {
    this.assertOpen();
    validateLeaseArgs(grant.name, grant.holder, ttlMs);
    const renewed = await this.client.eval(RENEW, 1, this.key(grant.name), value(grant), ttlMs);
    return renewed === 1;
  }

  async release(grant: LeaseGrant): Promise<void> {
    this.assertOpen();
    await this.client.eval(RELEASE, 1, this.key(grant.name), value(grant));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.client.quit();
    } catch {
      this.client.disconnect();
    }
  }

  private key(name: string): string {
    return `${this.prefix}lease:${name}`;
  }

  private assertOpen(): void {
    if (this.closed) throw new LeaseClosedError('Redis');
  }
}

function value(grant: LeaseGrant): string {
  return `${grant.holder} ${grant.token}`;
}
