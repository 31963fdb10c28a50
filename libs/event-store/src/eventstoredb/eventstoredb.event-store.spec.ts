import { realInfraAvailable } from '@switchboard/testing';
import { describe, expect, it } from 'vitest';
import { anEvent, someEvents, uniqueStream } from '../../test/contract/contract.fixtures';
import { describeEventStoreContract } from '../../test/contract/event-store.contract';
import { EventStoreDbEventStore } from './eventstoredb.event-store';

const connectionString = process.env.EVENTSTORE_URL;

// Collected asynchronously: the probe needs a round trip, and a CommonJS spec has no top-level
// await for tsc. Without EVENTSTORE_URL the suite is skipped loudly (or fails under
// REQUIRE_EVENTSTORE).
describe('EventStoreDbEventStore', async () => {
  const available = await realInfraAvailable({
    name: 'EventStoreDB',
    requireVar: 'REQUIRE_EVENTSTORE',
    ...(connectionString === undefined || connectionString === ''
      ? { unavailableReason: 'EVENTSTORE_URL is not set' }
      : {}),
    probe: async () => {
      const store = await EventStoreDbEventStore.open({ connectionString: connectionString! });
      await store.close();
    },
  });
  const open = (): Promise<EventStoreDbEventStore> =>
    EventStoreDbEventStore.open({ connectionString: connectionString! });

  describe.skipIf(!available)('against a real server', () => {
    describeEventStoreContract('eventstoredb', open, { noCrossStreamIdCheck: true });

    it('recognises a retry that ESDB itself deduplicated (same expected revision) as written:false', async () => {
      const store = await open();
      try {
        const streamId = uniqueStream('esdb');
        const batch = someEvents(3);
        const first = await store.appendToStream(streamId, batch, {
          expectedRevision: 'no_stream',
        });
        const retry = await store.appendToStream(streamId, batch, {
          expectedRevision: 'no_stream',
        });
        expect(retry).toEqual({ ...first, written: false });
        expect(await store.readStream(streamId)).toHaveLength(3);
      } finally {
        await store.close();
      }
    });

    it('never shows its append-id bookkeeping in metadata', async () => {
      const store = await open();
      try {
        const streamId = uniqueStream('esdb');
        await store.appendToStream(streamId, [anEvent('Plain', {}, { userId: 'u-1' })]);
        const [event] = await store.readStream(streamId);
        expect(event!.metadata).toEqual({ userId: 'u-1' });
      } finally {
        await store.close();
      }
    });
  });
});
