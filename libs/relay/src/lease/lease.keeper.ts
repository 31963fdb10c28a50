import type { RelayLogger } from '../relay.options';
import type { Lease, LeaseGrant } from './lease.port';

/** What runs only while the lease is held (the relay). `start` may follow `stop` again. */
export interface LeasedWork {
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface LeaseKeeperOptions {
  readonly lease: Lease;
  readonly name: string;
  readonly holder: string;
  readonly ttlMs: number;
  /** Renew (and, while passive, try to acquire) this often. Default `ttlMs / 3`. */
  readonly intervalMs?: number;
  readonly logger: RelayLogger;
  /** Monotonic milliseconds; injectable for tests. */
  readonly now?: () => number;
}

export type LeaseKeeperState = 'idle' | 'passive' | 'active' | 'stopped';

/**
 * Keeps `work` running exactly while this process holds the lease: tries to acquire it every
 * interval while passive, starts the work once granted, renews it every interval, and stops
 * the work as soon as a renew is refused or the lease may have expired.
 *
 * Fencing: `holds()` is false from `ttlMs` after the acquire or renew that granted the lease
 * was SENT (the store started its TTL later, so its expiry is later than ours), whatever the
 * store answers meanwhile. The relay checks it before each publish and checkpoint save, so a
 * holder cut off from the store (GC pause, partition) stops publishing before anyone else can
 * be granted the lease. A publish already in flight at that moment can still land: consumers
 * deduplicate by envelope id, as after any relay crash.
 */
export class LeaseKeeper {
  private grant: LeaseGrant | undefined;
  private deadline = 0;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private current: LeaseKeeperState = 'idle';
  private work: LeasedWork | undefined;
  private readonly intervalMs: number;
  private readonly now: () => number;

  constructor(private readonly options: LeaseKeeperOptions) {
    this.intervalMs = Math.max(1, Math.floor(options.intervalMs ?? options.ttlMs / 3));
    this.now = options.now ?? (() => performance.now());
  }

  get state(): LeaseKeeperState {
    return this.current;
  }

  /** The fence: true while the lease is held and cannot have expired yet. */
  holds(): boolean {
    return this.grant !== undefined && this.now() < this.deadline;
  }

  /** Fencing token of the held lease (for logs and metrics). */
  get token(): number | undefined {
    return this.grant?.token;
  }

  /** Begins competing for the lease; `work` starts once it is granted. */
  start(work: LeasedWork): void {
    if (this.current !== 'idle') return;
    this.work = work;
    this.current = 'passive';
    this.schedule(0);
  }

  /** Stops the work (if running) and releases the lease so another instance takes over at once. */
  async stop(): Promise<void> {
    if (this.current === 'stopped') return;
    const wasIdle = this.current === 'idle';
    this.current = 'stopped';
    clearTimeout(this.timer);
    await this.running;
    if (wasIdle) return;
    await this.lose('stopping', true);
  }

  private schedule(ms: number): void {
    if (this.current === 'stopped') return;
    this.timer = setTimeout(() => {
      this.running = this.tick().finally(() => (this.running = undefined));
    }, ms);
  }

  private async tick(): Promise<void> {
    if (this.grant === undefined) await this.tryAcquire();
    else await this.tryRenew();
    this.schedule(this.intervalMs);
  }

  private async tryAcquire(): Promise<void> {
    const { lease, name, holder, ttlMs, logger } = this.options;
    const sentAt = this.now();
    let grant: LeaseGrant | undefined;
    try {
      grant = await lease.acquire(name, holder, ttlMs);
    } catch (error) {
      logger.warn('Relay lease: acquire failed', { lease: name, error: String(error) });
      return;
    }
    if (grant === undefined || this.current === 'stopped') {
      if (grant !== undefined) await lease.release(grant).catch(() => undefined);
      return;
    }
    this.grant = grant;
    this.deadline = sentAt + ttlMs;
    this.current = 'active';
    logger.info?.('Relay lease acquired: active', { lease: name, holder, token: grant.token });
    try {
      await this.work?.start();
    } catch (error) {
      logger.error('Relay could not start; giving the lease up', {
        lease: name,
        error: String(error),
      });
      await this.lose('start failed', true);
    }
  }

  private async tryRenew(): Promise<void> {
    const { lease, name, ttlMs, logger } = this.options;
    const grant = this.grant!;
    const sentAt = this.now();
    let renewed: boolean | undefined;
    try {
      renewed = await lease.renew(grant, ttlMs);
    } catch (error) {
      logger.warn('Relay lease: renew failed', { lease: name, error: String(error) });
    }
    if (renewed === true) {
      this.deadline = sentAt + ttlMs;
      return;
    }
    if (renewed === false) await this.lose('renew refused', false);
    else if (!this.holds()) await this.lose('expired while the store was out of reach', false);
  }

  /**
   * Involuntary (refused, expired): fence first, so nothing is published from here on, then
   * stop. Voluntary (shutdown, failed start): the lease is still ours, so the work drains its
   * buffer under it, and the release hands over at once.
   */
  private async lose(reason: string, voluntary: boolean): Promise<void> {
    const grant = this.grant;
    if (grant === undefined) return;
    if (!voluntary) this.grant = undefined;
    if (this.current !== 'stopped') this.current = 'passive';
    await this.work?.stop();
    this.grant = undefined;
    if (voluntary) await this.options.lease.release(grant).catch(() => undefined);
    const log = voluntary ? this.options.logger.info : this.options.logger.warn;
    log?.call(this.options.logger, `Relay lease given up (${reason}): passive`, {
      lease: grant.name,
      token: grant.token,
    });
  }
}
