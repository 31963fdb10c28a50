import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { InMemoryMembership } from './in-memory.membership';
import { MembershipAnnouncer } from './membership.announcer';
import type { GatewayInfo, Membership } from './membership.port';

describe('MembershipAnnouncer', () => {
  let nowMs: number;
  let connections: number;
  const info = (): GatewayInfo => ({ gatewayId: 'gw-1', url: 'wss://one', connections });

  beforeEach(() => {
    vi.useFakeTimers();
    nowMs = 1_700_000_000_000;
    connections = 0;
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('announces at start, keeps the gateway live with fresh load, and withdraws on stop', async () => {
    const membership = new InMemoryMembership({ now: () => nowMs });
    const announcer = new MembershipAnnouncer(membership, info, { ttlMs: 900 });
    await announcer.start();
    expect(await membership.live()).toEqual([info()]);
    for (let beat = 1; beat <= 5; beat += 1) {
      connections = beat * 10;
      nowMs += 300;
      await vi.advanceTimersByTimeAsync(300);
    }
    expect(await membership.live()).toEqual([{ ...info(), connections: 50 }]);
    await announcer.stop();
    expect(await membership.live()).toEqual([]);
  });

  it('a failing membership is logged, never thrown, and the next beat repairs it', async () => {
    const inner = new InMemoryMembership({ now: () => nowMs });
    let failing = true;
    const flaky: Membership = {
      announce: (gateway, ttlMs) =>
        failing ? Promise.reject(new Error('redis down')) : inner.announce(gateway, ttlMs),
      withdraw: (id) => inner.withdraw(id),
      live: () => inner.live(),
      close: () => inner.close(),
    };
    const warnings: string[] = [];
    const announcer = new MembershipAnnouncer(flaky, info, {
      ttlMs: 900,
      logger: { warn: (message) => void warnings.push(message) },
    });
    await announcer.start();
    expect(warnings).toEqual(['Membership announce failed']);
    expect(await inner.live()).toEqual([]);
    failing = false;
    await vi.advanceTimersByTimeAsync(300);
    expect(await inner.live()).toEqual([info()]);
    await announcer.stop();
  });
});
