import { describe, expect, it } from 'vitest';
import { EventStoreClosedError } from '../../src/event-store.errors';
import type { EventStore } from '../../src/event-store.port';
import {
  anEvent,
  collect,
  endOfAll,
  eventually,
  rejectionOf,
  uniqueStream,
  uniqueTag,
} from './contract.fixtures';

/** ping and close: each test opens (and closes) a store of its own. */
export function describeLifecycleContract(open: () => Promise<EventStore>): void {
  describe('lifecycle', () => {
    it('answers ping while open', async () => {
      const store = await open();
      try {
        await expect(store.ping()).resolves.toBeUndefined();
      } finally {
        await store.close();
      }
    });

    it('finishes appends already in flight when closed', async () => {
      const store = await open();
      const streamId = uniqueStream();
      const pending = store.appendToStream(streamId, [anEvent()], {
        expectedRevision: 'no_stream',
      });
      await store.close();
      await expect(pending).resolves.toMatchObject({ nextExpectedRevision: 0, written: true });
    });

    it('stops running subscriptions on close: their done resolves', async () => {
      const store = await open();
      const prefix = `close${uniqueTag()}-`;
      const { events, subscription } = collect(store, await endOfAll(store), {
        streamPrefixes: [prefix],
      });
      await store.appendToStream(`${prefix}1`, [anEvent()]);
      await eventually(() => events.length === 1, 'one event');
      await store.close();
      await expect(subscription.done).resolves.toBeUndefined();
    });

    it('rejects every operation after close with EventStoreClosedError; close is idempotent', async () => {
      const store = await open();
      await store.close();
      await expect(store.close()).resolves.toBeUndefined();

      // rejectionOf attaches at once, so no rejection is ever unhandled while we check another.
      const attempts: Array<[string, Promise<unknown>]> = [
        ['appendToStream', rejectionOf(store.appendToStream(uniqueStream(), [anEvent()]))],
        ['readStream', rejectionOf(store.readStream(uniqueStream()))],
        ['readAll', rejectionOf(store.readAll({ maxCount: 1 }))],
        ['ping', rejectionOf(store.ping())],
        ['subscribeToAll', rejectionOf(store.subscribeToAll({}, () => undefined).done)],
      ];
      for (const [operation, attempt] of attempts) {
        const error = await attempt;
        expect(error, operation).toBeInstanceOf(EventStoreClosedError);
        expect((error as EventStoreClosedError).code).toBe('EVENT_STORE_CLOSED');
      }
    });
  });
}
