import { TOPICS } from '@switchboard/contracts';
import { describe, expect, it } from 'vitest';
import { appendBatch, eventually, sleep, useRelayHarness } from '../../test/relay.fixtures';
import { silentRelayLogger } from '../relay.options';
import { InMemoryLease } from './in-memory.lease';
import { LeaseKeeper } from './lease.keeper';
import type { Lease, LeaseGrant } from './lease.port';

/** A lease the test can take away from its holder (as if the store had expired it). */
class RevocableLease implements Lease {
  revoked = false;
  unreachable = false;
  constructor(private readonly inner: Lease) {}
  async acquire(name: string, holder: string, ttlMs: number) {
    if (this.unreachable) throw new Error('store unreachable (test)');
    return this.revoked ? undefined : this.inner.acquire(name, holder, ttlMs);
  }
  async renew(grant: LeaseGrant, ttlMs: number) {
    if (this.unreachable) throw new Error('store unreachable (test)');
    return this.revoked ? false : this.inner.renew(grant, ttlMs);
  }
  release = (grant: LeaseGrant) => this.inner.release(grant);
  close = () => this.inner.close();
}

const keeper = (lease: Lease, holder: string, extra: { now?: () => number } = {}) =>
  new LeaseKeeper({
    lease,
    name: 'relay',
    holder,
    ttlMs: 300,
    logger: silentRelayLogger,
    ...extra,
  });

describe('LeaseKeeper driving relays', () => {
  const h = useRelayHarness({
    routes: [{ streamPrefix: 'consultation-', topic: TOPICS.consultationEvents }],
  });

  it('runs one relay of two; on release the other takes over from the shared checkpoint', async () => {
    const lease = new InMemoryLease();
    const keepers = [keeper(lease, 'a'), keeper(lease, 'b')];
    const relays = keepers.map((k) => h.relay({ fence: () => k.holds() }));
    keepers.forEach((k, i) =>
      k.start({ start: () => relays[i]!.start(), stop: () => relays[i]!.stop() }),
    );
    await appendBatch(h.store, 'consultation-l1', 200);
    await eventually(() => h.bus.published.length === 200, 'first 200');
    const [active, passive] = keepers[0]!.holds() ? [0, 1] : [1, 0];
    expect(keepers[passive]!.state).toBe('passive');
    expect(relays[passive]!.stats.running).toBe(false);

    await keepers[active]!.stop();
    await eventually(() => keepers[passive]!.holds(), 'takeover');
    await appendBatch(h.store, 'consultation-l2', 100);
    await eventually(() => h.bus.published.length >= 300, 'the next 100');
    await sleep(50);
    const ids = h.bus.envelopes().map((envelope) => envelope.id);
    expect(ids).toHaveLength(300);
    expect(new Set(ids).size).toBe(300);
    await keepers[passive]!.stop();
  });

  it('stops publishing as soon as a renew is refused (fencing)', async () => {
    const lease = new RevocableLease(new InMemoryLease());
    const k = keeper(lease, 'a');
    const relay = h.relay({ fence: () => k.holds() });
    k.start({ start: () => relay.start(), stop: () => relay.stop() });
    await eventually(() => k.holds(), 'granted');
    await appendBatch(h.store, 'consultation-f1', 10);
    await eventually(() => h.bus.published.length === 10, 'published while held');
    lease.revoked = true;
    await eventually(() => k.state === 'passive' && !relay.stats.running, 'fenced and stopped');
    await appendBatch(h.store, 'consultation-f2', 10);
    await sleep(400);
    expect(h.bus.published).toHaveLength(10);
    await k.stop();
  });
});

describe('LeaseKeeper fence', () => {
  it('is down once the TTL since the last granted request passed, before any renew answers', async () => {
    let now = 1_000;
    const lease = new RevocableLease(new InMemoryLease());
    const k = keeper(lease, 'a', { now: () => now });
    let started = 0;
    k.start({ start: async () => void (started += 1), stop: async () => undefined });
    await eventually(() => k.holds(), 'granted');
    expect(started).toBe(1);
    lease.unreachable = true;
    now += 299;
    expect(k.holds()).toBe(true);
    now += 1;
    expect(k.holds()).toBe(false);
    await eventually(() => k.state === 'passive', 'gives up after failed renews');
    await k.stop();
  });

  it('gives the lease up when the work cannot start, and tries again', async () => {
    const lease = new InMemoryLease();
    const k = keeper(lease, 'a');
    let attempts = 0;
    k.start({
      start: async () => {
        attempts += 1;
        if (attempts === 1) throw new Error('broker down (test)');
      },
      stop: async () => undefined,
    });
    await eventually(() => attempts === 2 && k.holds(), 'second start under a new grant');
    expect(k.token).toBe(2);
    await k.stop();
    expect(await lease.acquire('relay', 'b', 300)).toBeDefined();
  });
});
