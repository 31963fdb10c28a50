import { afterAll, beforeAll, describe } from 'vitest';
import type { EventStore } from '../../src/event-store.port';
import type { ContractLimits } from './contract.fixtures';
import { describeAppendContract } from './append.contract';
import { describeConcurrencyContract } from './concurrency.contract';
import { describeIdempotencyContract } from './idempotency.contract';
import { describeLifecycleContract } from './lifecycle.contract';
import { describeMultiStreamAppendContract } from './multi-stream-append.contract';
import { describeReadStreamContract } from './read.contract';
import { describeReadAllContract } from './read-all.contract';
import { describeSubscriptionContract } from './subscription.contract';

export type { ContractLimits } from './contract.fixtures';

/**
 * The ONE contract every EventStore adapter passes (STYLE: one suite, every implementation).
 *
 * `open` may hand out a store over shared storage (a PostgreSQL database, an EventStoreDB node
 * used by other suites): tests use fresh random stream ids and prefixes, and start `$all`
 * reads and subscriptions at the end they observe, never assuming `$all` is empty.
 *
 * One store (from `open`) serves the suites; the lifecycle tests open and close their own.
 */
export function describeEventStoreContract(
  adapterName: string,
  open: () => Promise<EventStore>,
  limits: ContractLimits = {},
): void {
  describe(`EventStore contract: ${adapterName}`, () => {
    let store: EventStore | undefined;
    const current = (): EventStore => {
      if (store === undefined) throw new Error(`${adapterName}: the store did not open`);
      return store;
    };
    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await store?.close();
    });

    describeAppendContract(current);
    describeIdempotencyContract(current, limits);
    describeConcurrencyContract(current);
    describeReadStreamContract(current);
    describeReadAllContract(current);
    describeSubscriptionContract(current);
    describeMultiStreamAppendContract(current, limits.appendToStreams === true);
    describeLifecycleContract(open);
  });
}
