import type { Bus, Consumer } from '@switchboard/bus';
import { afterAll, afterEach, beforeAll, describe } from 'vitest';
import { churnCases } from './bus-contract.churn';
import { deliveryCases } from './bus-contract.delivery';
import { groupCases } from './bus-contract.groups';
import { type ContractContext, freshName } from './bus-contract.helpers';

export interface BusContractOptions {
  /** Partitions per topic the opened bus creates (default 3; the suite needs at least 3). */
  readonly partitions?: number;
  /** Upper bound for one asynchronous step, e.g. a delivery or a rebalance (default 15 s). */
  readonly stepTimeoutMs?: number;
}

/**
 * The ONE contract every Bus adapter passes. Each test uses fresh topic and group names, so the
 * suite can run against a shared broker, and stops the consumers it started even when it fails.
 * `open` is called once for the suite; `close` is called after it.
 */
export function describeBusContract(
  adapterName: string,
  open: () => Promise<Bus>,
  options: BusContractOptions = {},
): void {
  const partitions = options.partitions ?? 3;
  const stepTimeoutMs = options.stepTimeoutMs ?? 15_000;
  const testTimeoutMs = stepTimeoutMs * 4;
  if (partitions < 3) throw new Error('the bus contract needs topics with at least 3 partitions');

  describe(`Bus contract: ${adapterName}`, () => {
    let bus: Bus | undefined;
    let consumers: Consumer[] = [];

    beforeAll(async () => {
      bus = await open();
    });

    afterEach(async () => {
      const running = consumers;
      consumers = [];
      await Promise.all(running.map((consumer) => consumer.stop()));
    });

    afterAll(async () => {
      await bus?.close();
    });

    const ctx: ContractContext = {
      stepTimeoutMs,
      bus: () => {
        if (bus === undefined) throw new Error('bus not opened');
        return bus;
      },
      topic: async () => {
        const topic = freshName('contract');
        await ctx.bus().ensureTopics([topic]);
        return topic;
      },
      group: () => freshName('group'),
      consume: async (consumeOptions, handler) => {
        const consumer = await ctx.bus().consume(consumeOptions, handler);
        consumers.push(consumer);
        return consumer;
      },
    };

    describe('publish and deliver', () => deliveryCases(ctx, testTimeoutMs));
    describe('consumer groups', () => groupCases(ctx, partitions, testTimeoutMs));
    describe('membership churn', () => churnCases(ctx, partitions, testTimeoutMs));
  });
}
