import { randomUUID } from 'node:crypto';
import {
  CONNECTION_TTL_MS,
  type ConnectionRecord,
  type ConnectionRegistry,
  type DeviceKind,
} from '@switchboard/delivery/connection-registry/connection-registry.port';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

export interface ConnectionRegistryContractOptions {
  /**
   * Moves the registry's clock forward. Without it the suite sleeps for real, so open the
   * adapter with a short `ttlMs` (a Redis adapter with a 300 ms TTL, for example).
   */
  readonly advance?: (ms: number) => Promise<void> | void;
  /** The TTL the opened registries use (default {@link CONNECTION_TTL_MS}). */
  readonly ttlMs?: number;
  /** Forgets every row behind the registry's back (Redis: FLUSHDB). Without it, skipped. */
  readonly wipe?: (registry: ConnectionRegistry) => Promise<void> | void;
}

/** Builds rows with fresh ids, so the suite can share one Redis with other tests. */
export function connectionRow(
  uid: string,
  overrides: Partial<ConnectionRecord> = {},
): ConnectionRecord {
  const device: DeviceKind = overrides.device ?? 'web';
  return {
    uid,
    role: 'customer',
    deviceId: `dev-${randomUUID()}`,
    device,
    wsid: `ws-${randomUUID()}`,
    clientIp: '203.0.113.7',
    serverIp: '10.0.0.1',
    gatewayId: 'gw-1',
    channel: 'websocket',
    connectedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

const uid = (): string => `u-${randomUUID()}`;
const sorted = (rows: readonly ConnectionRecord[] | undefined): string[] =>
  (rows ?? []).map((row) => row.wsid).sort();

/**
 * The ONE contract every ConnectionRegistry adapter passes. `open` is called per test and the
 * registry closed after it; uids are fresh per test.
 */
export function describeConnectionRegistryContract(
  adapterName: string,
  open: () => Promise<ConnectionRegistry>,
  options: ConnectionRegistryContractOptions = {},
): void {
  const ttlMs = options.ttlMs ?? CONNECTION_TTL_MS;
  const advance = async (ms: number): Promise<void> => {
    if (options.advance !== undefined) await options.advance(ms);
    else await new Promise((resolve) => setTimeout(resolve, ms));
  };

  describe(`ConnectionRegistry contract: ${adapterName}`, () => {
    let registry: ConnectionRegistry;
    beforeEach(async () => {
      registry = await open();
    });
    afterEach(async () => {
      await registry.close();
    });

    it('looks up the rows of many uids in one call; uids without rows are absent', async () => {
      const [a, b, nobody] = [uid(), uid(), uid()];
      const rowA = connectionRow(a);
      const rowB = connectionRow(b, { role: 'agent', device: 'desktop', gatewayId: 'gw-2' });
      await registry.register(rowA);
      await registry.register(rowB);
      const found = await registry.lookup([a, b, nobody]);
      expect(found.get(a)).toEqual([rowA]);
      expect(found.get(b)).toEqual([rowB]);
      expect(found.has(nobody)).toBe(false);
      expect((await registry.lookup([])).size).toBe(0);
    });

    it('keeps several devices per uid and removes only the unregistered one', async () => {
      const a = uid();
      const web = connectionRow(a, { device: 'web' });
      const ios = connectionRow(a, { device: 'ios', gatewayId: 'gw-2' });
      await registry.register(web);
      await registry.register(ios);
      expect(sorted((await registry.lookup([a])).get(a))).toEqual(sorted([web, ios]));
      await registry.unregister(a, web.wsid);
      expect((await registry.lookup([a])).get(a)).toEqual([ios]);
      await registry.unregister(a, ios.wsid);
      await registry.unregister(a, 'ws-unknown');
      expect((await registry.lookup([a])).has(a)).toBe(false);
    });

    it('replaces the row of the same wsid', async () => {
      const a = uid();
      const first = connectionRow(a, { channel: 'polling' });
      await registry.register(first);
      const again = { ...first, channel: 'websocket' as const, gatewayId: 'gw-9' };
      await registry.register(again);
      expect((await registry.lookup([a])).get(a)).toEqual([again]);
    });

    it('never returns a row past its TTL', async () => {
      const a = uid();
      await registry.register(connectionRow(a));
      await advance(Math.floor(ttlMs / 2));
      expect((await registry.lookup([a])).get(a)).toHaveLength(1);
      await advance(ttlMs);
      expect((await registry.lookup([a])).has(a)).toBe(false);
    });

    it('a heartbeat refreshes the TTL', async () => {
      const a = uid();
      const row = connectionRow(a);
      await registry.register(row);
      await advance(Math.floor((ttlMs * 3) / 4));
      await registry.heartbeat([row]);
      await advance(Math.floor((ttlMs * 3) / 4));
      expect((await registry.lookup([a])).get(a)).toEqual([row]);
    });

    it('a heartbeat re-adds rows that are gone (expired or unregistered)', async () => {
      const [a, b] = [uid(), uid()];
      const rowA = connectionRow(a);
      const rowB = connectionRow(b);
      await registry.register(rowA);
      await advance(ttlMs + 10);
      await registry.heartbeat([rowA, rowB]);
      const found = await registry.lookup([a, b]);
      expect(found.get(a)).toEqual([rowA]);
      expect(found.get(b)).toEqual([rowB]);
    });

    it.skipIf(options.wipe === undefined)('heartbeats rebuild the table after a wipe', async () => {
      const a = uid();
      const rows = [connectionRow(a), connectionRow(a, { device: 'android' })];
      for (const row of rows) await registry.register(row);
      await options.wipe?.(registry);
      expect((await registry.lookup([a])).has(a)).toBe(false);
      await registry.heartbeat(rows);
      expect(sorted((await registry.lookup([a])).get(a))).toEqual(sorted(rows));
    });

    it('close resolves, twice too, and later calls reject', async () => {
      const other = await open();
      await other.close();
      await other.close();
      await expect(other.lookup([uid()])).rejects.toThrow();
      await expect(other.register(connectionRow(uid()))).rejects.toThrow();
    });
  });
}
