import { randomUUID } from 'node:crypto';
import type { GatewayInfo, Membership } from '@switchboard/delivery/membership/membership.port';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

export interface MembershipContractOptions {
  /** Moves the adapter's clock forward; without it the suite sleeps for real (use a short TTL). */
  readonly advance?: (ms: number) => Promise<void> | void;
  /** The TTL the suite announces with (default 500 ms, fit for real time). */
  readonly ttlMs?: number;
}

/**
 * The ONE contract every Membership adapter passes. `open` is called per test and must give
 * a membership whose `live()` no other test writes to (a fresh Redis prefix, for example):
 * the suite asserts the whole live list.
 */
export function describeMembershipContract(
  adapterName: string,
  open: () => Promise<Membership>,
  options: MembershipContractOptions = {},
): void {
  const ttlMs = options.ttlMs ?? 500;
  const advance = async (ms: number): Promise<void> => {
    if (options.advance !== undefined) await options.advance(ms);
    else await new Promise((resolve) => setTimeout(resolve, ms));
  };
  const gateway = (id: string, connections = 0): GatewayInfo => ({
    gatewayId: id,
    url: `wss://${id}.example.test`,
    connections,
  });

  describe(`Membership contract: ${adapterName}`, () => {
    let membership: Membership;
    beforeEach(async () => {
      membership = await open();
    });
    afterEach(async () => {
      await membership.close();
    });

    it('lists announced gateways sorted by id, with their load', async () => {
      expect(await membership.live()).toEqual([]);
      await membership.announce(gateway('gw-b', 7), ttlMs);
      await membership.announce(gateway('gw-a', 3), ttlMs);
      expect(await membership.live()).toEqual([gateway('gw-a', 3), gateway('gw-b', 7)]);
    });

    it('a new announcement replaces the load of the same gateway', async () => {
      await membership.announce(gateway('gw-a', 3), ttlMs);
      await membership.announce(gateway('gw-a', 40), ttlMs);
      expect(await membership.live()).toEqual([gateway('gw-a', 40)]);
    });

    it('withdraw removes a gateway at once; unknown ids are ignored', async () => {
      await membership.announce(gateway('gw-a'), ttlMs);
      await membership.announce(gateway('gw-b'), ttlMs);
      await membership.withdraw('gw-a');
      await membership.withdraw(`gw-${randomUUID()}`);
      expect(await membership.live()).toEqual([gateway('gw-b')]);
    });

    it('a gateway that stops announcing drops out after its TTL; announcing keeps it', async () => {
      await membership.announce(gateway('gw-silent'), ttlMs);
      await membership.announce(gateway('gw-beating'), ttlMs);
      await advance(Math.floor(ttlMs * 0.6));
      await membership.announce(gateway('gw-beating'), ttlMs);
      await advance(Math.floor(ttlMs * 0.6));
      expect(await membership.live()).toEqual([gateway('gw-beating')]);
      await advance(ttlMs + 10);
      expect(await membership.live()).toEqual([]);
      await membership.announce(gateway('gw-silent'), ttlMs);
      expect(await membership.live()).toEqual([gateway('gw-silent')]);
    });

    it('refuses a TTL that is not a positive integer', async () => {
      await expect(membership.announce(gateway('gw-a'), 0)).rejects.toThrow(RangeError);
      await expect(membership.announce(gateway('gw-a'), 1.5)).rejects.toThrow(RangeError);
      expect(await membership.live()).toEqual([]);
    });

    it('close resolves, twice too, and later calls reject', async () => {
      const other = await open();
      await other.close();
      await other.close();
      await expect(other.live()).rejects.toThrow();
      await expect(other.announce(gateway('gw-a'), ttlMs)).rejects.toThrow();
    });
  });
}
