import type { EventStoreDBClient } from '@eventstore/db-client';
import { describe, expect, it } from 'vitest';
import { anEvent, someEvents, uniqueStream } from '../../test/contract/contract.fixtures';
import { describeEventStoreContract } from '../../test/contract/event-store.contract';
import { FakeEsdbClient } from '../../test/eventstoredb/fake-esdb.client';
import { EventStoreDbEventStore } from './eventstoredb.event-store';

/*
 * The adapter's own logic (expected-revision mapping, idempotency on top of ESDB's, position
 * mapping, filters, subscriptions) run through the contract over an in-memory stand-in for the
 * client. Fidelity to a real server is the job of eventstoredb.event-store.spec.ts.
 */
const open = (): Promise<EventStoreDbEventStore> =>
  EventStoreDbEventStore.overClient(new FakeEsdbClient() as unknown as EventStoreDBClient);

describeEventStoreContract('eventstoredb adapter over a stand-in client', open, {
  noCrossStreamIdCheck: true,
});

describe('EventStoreDbEventStore over a stand-in client', () => {
  it('recognises a retry that the server itself deduplicated as written:false', async () => {
    const store = await open();
    const streamId = uniqueStream('esdb');
    const batch = someEvents(3);
    const first = await store.appendToStream(streamId, batch, { expectedRevision: 'no_stream' });
    const retry = await store.appendToStream(streamId, batch, { expectedRevision: 'no_stream' });
    expect(retry).toEqual({ ...first, written: false });
    expect(await store.readStream(streamId)).toHaveLength(3);
    await store.close();
  });

  it('keeps its append-id bookkeeping out of the metadata it returns', async () => {
    const store = await open();
    const streamId = uniqueStream('esdb');
    await store.appendToStream(streamId, [anEvent('Plain', {}, { userId: 'u-1' })]);
    const [event] = await store.readStream(streamId);
    expect(event!.metadata).toEqual({ userId: 'u-1' });
    await store.close();
  });

  it('hides system events from $all', async () => {
    const store = await open();
    const all = await store.readAll();
    expect(all.some((event) => event.type.startsWith('$') || event.streamId.startsWith('$'))).toBe(
      false,
    );
    await store.close();
  });
});
