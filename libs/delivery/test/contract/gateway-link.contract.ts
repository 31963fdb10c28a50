import { randomUUID } from 'node:crypto';
import type {
  GatewayDelivery,
  GatewayLink,
} from '@switchboard/delivery/gateway-link/gateway-link.port';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

export interface GatewayLinkContractOptions {
  /** Upper bound for a delivery to show up (default 2 s; a Redis link needs a round trip). */
  readonly stepTimeoutMs?: number;
}

function delivery(n: number): GatewayDelivery {
  return { wsids: [`ws-${n}`], event: 'message.new', payload: { n }, ack: true };
}

async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Gives a link time to deliver what it would wrongly deliver. */
const settle = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The ONE contract every GatewayLink adapter passes. Gateway ids are fresh per test, so the
 * suite can share a Redis with others. Semantics: `deliver` to a gateway nobody listens to
 * resolves and the batch is dropped (the registry may name a dead gateway; its clients
 * resync on reconnect).
 */
export function describeGatewayLinkContract(
  adapterName: string,
  open: () => Promise<GatewayLink>,
  options: GatewayLinkContractOptions = {},
): void {
  const step = options.stepTimeoutMs ?? 2_000;
  const quiet = Math.min(step, 100);
  const gatewayId = (): string => `gw-${randomUUID()}`;

  describe(`GatewayLink contract: ${adapterName}`, () => {
    let link: GatewayLink;
    beforeEach(async () => {
      link = await open();
    });
    afterEach(async () => {
      await link.close();
    });

    it('delivers a batch to the listening gateway only', async () => {
      const [mine, other] = [gatewayId(), gatewayId()];
      const got: GatewayDelivery[][] = [];
      const otherGot: GatewayDelivery[][] = [];
      await link.listen(mine, (batch) => void got.push([...batch]));
      await link.listen(other, (batch) => void otherGot.push([...batch]));
      await link.deliver(mine, [delivery(1), delivery(2)]);
      await until(() => got.length === 1, step);
      expect(got[0]).toEqual([delivery(1), delivery(2)]);
      await settle(quiet);
      expect(otherGot).toEqual([]);
    });

    it('keeps send order for one gateway, even with a slow handler', async () => {
      const id = gatewayId();
      const got: number[] = [];
      await link.listen(id, async (batch) => {
        const n = (batch[0].payload as { n: number }).n;
        if (n % 3 === 0) await settle(5);
        got.push(n);
      });
      for (let n = 1; n <= 20; n += 1) await link.deliver(id, [delivery(n)]);
      await until(() => got.length === 20, step);
      expect(got).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    });

    it('resolves for a gateway nobody listens to, and the batch is dropped', async () => {
      const id = gatewayId();
      await expect(link.deliver(id, [delivery(1)])).resolves.toBeUndefined();
      const got: GatewayDelivery[][] = [];
      await link.listen(id, (batch) => void got.push([...batch]));
      await settle(quiet);
      expect(got).toEqual([]);
    });

    it('stops delivering once the listener is removed', async () => {
      const id = gatewayId();
      const got: number[] = [];
      const unlisten = await link.listen(id, (batch) => {
        got.push((batch[0].payload as { n: number }).n);
      });
      await link.deliver(id, [delivery(1)]);
      await until(() => got.length === 1, step);
      await unlisten();
      await link.deliver(id, [delivery(2)]);
      await settle(quiet);
      expect(got).toEqual([1]);
    });

    it('a failing handler does not stop later batches', async () => {
      const id = gatewayId();
      const got: number[] = [];
      await link.listen(id, (batch) => {
        const n = (batch[0].payload as { n: number }).n;
        if (n === 1) throw new Error('boom');
        got.push(n);
      });
      await link.deliver(id, [delivery(1)]);
      await link.deliver(id, [delivery(2)]);
      await until(() => got.length === 1, step);
      expect(got).toEqual([2]);
    });

    it('close resolves and later deliveries reject', async () => {
      const other = await open();
      await other.listen(gatewayId(), () => undefined);
      await other.close();
      await expect(other.deliver(gatewayId(), [delivery(1)])).rejects.toThrow();
    });
  });
}
