import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Lease } from '../../src/lease/lease.port';

/** Opens a client over the SAME lease storage on every call (two "processes" compete). */
export type LeaseFactory = () => Promise<Lease>;

/** Short, so takeovers happen quickly; the suite never asserts on elapsed time below it. */
const TTL_MS = 400;

function aName(): string {
  return `lease-${randomUUID().slice(0, 8)}`;
}

/** Tries `acquire` until it is granted; fails after `limitMs` (generous: behaviour, not speed). */
async function acquireWithin(lease: Lease, name: string, holder: string, limitMs: number) {
  const giveUpAt = Date.now() + limitMs;
  for (;;) {
    const grant = await lease.acquire(name, holder, TTL_MS);
    if (grant !== undefined) return grant;
    if (Date.now() > giveUpAt) throw new Error(`${holder} was not granted ${name}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The ONE contract every Lease adapter passes. */
export function describeLeaseContract(adapterName: string, open: LeaseFactory): void {
  describe(`Lease contract: ${adapterName}`, () => {
    const opened: Lease[] = [];
    const client = async () => {
      const lease = await open();
      opened.push(lease);
      return lease;
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((lease) => lease.close().catch(() => undefined)));
    });

    it('grants one of two competing holders; the other is refused while it is held', async () => {
      const [a, b] = [await client(), await client()];
      const name = aName();
      const grants = await Promise.all([
        a.acquire(name, 'holder-a', 5_000),
        b.acquire(name, 'holder-b', 5_000),
      ]);
      expect(grants.filter((grant) => grant !== undefined)).toHaveLength(1);
      const loser = grants[0] === undefined ? b : a;
      expect(await loser.acquire(name, 'holder-c', 5_000)).toBeUndefined();
    });

    it('keeps a renewed lease; the loser takes over after the winner stops renewing', async () => {
      const [a, b] = [await client(), await client()];
      const name = aName();
      const first = await a.acquire(name, 'holder-a', TTL_MS);
      expect(first).toBeDefined();
      for (let i = 0; i < 3; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, TTL_MS / 3));
        expect(await a.renew(first!, TTL_MS)).toBe(true);
        expect(await b.acquire(name, 'holder-b', TTL_MS)).toBeUndefined();
      }
      const second = await acquireWithin(b, name, 'holder-b', 10 * TTL_MS);
      expect(second.token).toBeGreaterThan(first!.token);
      expect(await a.renew(first!, TTL_MS)).toBe(false);
    });

    it('lets another holder take over when the holder is killed (closed, never released)', async () => {
      const [a, b] = [await client(), await client()];
      const name = aName();
      const first = await a.acquire(name, 'holder-a', TTL_MS);
      expect(first).toBeDefined();
      await a.close();
      const second = await acquireWithin(b, name, 'holder-b', 10 * TTL_MS);
      expect(second.token).toBeGreaterThan(first!.token);
    });

    it('hands over at once on release, with a greater fencing token', async () => {
      const [a, b] = [await client(), await client()];
      const name = aName();
      const first = await a.acquire(name, 'holder-a', 60_000);
      expect(await b.acquire(name, 'holder-b', 60_000)).toBeUndefined();
      await a.release(first!);
      const second = await b.acquire(name, 'holder-b', 60_000);
      expect(second).toMatchObject({ name, holder: 'holder-b' });
      expect(second!.token).toBeGreaterThan(first!.token);
      expect(await a.renew(first!, 60_000)).toBe(false);
      // A stale release does not free the new holder's lease.
      await a.release(first!);
      expect(await a.acquire(name, 'holder-a', 60_000)).toBeUndefined();
    });

    it('refuses a renew after expiry, even when nobody took the lease', async () => {
      const a = await client();
      const name = aName();
      const grant = await a.acquire(name, 'holder-a', 50);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await a.renew(grant!, 60_000)).toBe(false);
    });

    it('re-grants a holder that still holds it, with a new token', async () => {
      const a = await client();
      const name = aName();
      const first = await a.acquire(name, 'holder-a', 60_000);
      const again = await a.acquire(name, 'holder-a', 60_000);
      expect(again!.token).toBeGreaterThan(first!.token);
      expect(await a.renew(first!, 60_000)).toBe(false);
      expect(await a.renew(again!, 60_000)).toBe(true);
    });

    it('keeps names apart and refuses malformed names and TTLs', async () => {
      const a = await client();
      expect(await a.acquire(aName(), 'holder-a', 60_000)).toBeDefined();
      expect(await a.acquire(aName(), 'holder-b', 60_000)).toBeDefined();
      await expect(a.acquire('bad name', 'holder-a', 1_000)).rejects.toThrow(TypeError);
      await expect(a.acquire(aName(), 'holder-a', 0)).rejects.toThrow(RangeError);
    });
  });
}
