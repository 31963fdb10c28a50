import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type EventData, type EventStore, type RecordedEvent } from '@switchboard/event-store';
import { SqliteEventStore } from '@switchboard/event-store/sqlite/sqlite.event-store';
import { useCountedStore } from '@switchboard/testing';
import { handleCommand } from './command-handler';
import { type Command, type Decider, type DomainEvent, fold } from './decider';
import { loadStream, SNAPSHOT_EVENT_TYPE, type SnapshotPolicy } from './snapshots';
import { StreamWriter } from './stream-writer';

// A shelf of items put and taken (JSON-friendly state, like an agent's held consultations).
type ShelfCommand = Command<'put' | 'take', { item: string }>;
type ShelfEvent = DomainEvent<'put' | 'taken', { item: string }>;
interface ShelfState {
  readonly items: readonly string[];
  readonly moves: number;
}
const shelf: Decider<ShelfCommand, ShelfEvent, ShelfState> = {
  initialState: { items: [], moves: 0 },
  decide: (command) => [
    { type: command.type === 'put' ? 'put' : 'taken', version: 1, data: command.data },
  ],
  evolve: (state, event) => ({
    items:
      event.type === 'put'
        ? [...state.items, event.data.item]
        : state.items.filter((item) => item !== event.data.item),
    moves: state.moves + 1,
  }),
};
const toShelfEvent = (recorded: RecordedEvent): ShelfEvent =>
  ({ type: recorded.type, version: 1, data: recorded.data }) as ShelfEvent;
const command = (type: 'put' | 'take', item: string): ShelfCommand => ({
  type,
  data: { item },
  metadata: { commandId: randomUUID(), now: new Date('2026-12-05T10:00:00Z') },
});
const event = (type: 'put' | 'taken', item: string): EventData => ({
  id: randomUUID(),
  type,
  data: { item },
});
/** `count` moves: put i, and every third one taken again. */
const moves = (from: number, count: number): EventData[] =>
  Array.from({ length: count }, (_, k) => {
    const i = from + k;
    return i % 3 === 2 ? event('taken', `item-${i - 1}`) : event('put', `item-${i}`);
  });

const policy: SnapshotPolicy = { streamOf: (id) => `snapshot-${id}`, every: 10, version: 1 };

describe('stream snapshots', () => {
  /** A fresh in-memory store per test; `db.reads` counts what each load of a stream read. */
  const db = useCountedStore(() => SqliteEventStore.open({ filename: ':memory:' }));

  const fullFold = async (streamId: string) =>
    fold(shelf, (await db.store.readStream(streamId)).map(toShelfEvent));
  const snapshotsOf = (streamId: string) => db.store.readStream(policy.streamOf(streamId));
  const load = (streamId: string, with_: SnapshotPolicy = policy, on: EventStore = db.counted) =>
    loadStream(on, streamId, shelf, toShelfEvent, with_);

  it('keeps the state a full fold gives, reading only the snapshot and the events after it', async () => {
    await db.store.appendToStream('shelf-1', moves(0, 25));
    const first = await load('shelf-1');
    expect(first).toEqual({ state: await fullFold('shelf-1'), revision: 24 });
    const [snapshot] = await snapshotsOf('shelf-1');
    expect(snapshot).toMatchObject({
      type: SNAPSHOT_EVENT_TYPE,
      metadata: { version: 1 },
      data: { revision: 24, state: first.state },
    });

    await db.store.appendToStream('shelf-1', moves(25, 3));
    db.reads.clear();
    const second = await load('shelf-1');
    expect(second).toEqual({ state: await fullFold('shelf-1'), revision: 27 });
    // The snapshot's own event (revision 24) and the three after it.
    expect(db.reads.get('shelf-1')).toEqual([4]);
    expect(db.reads.get('snapshot-shelf-1')).toEqual([1]);
  });

  it('writes the next snapshot once a load folded `every` events past the last one', async () => {
    await db.store.appendToStream('shelf-2', moves(0, 12));
    await load('shelf-2');
    await db.store.appendToStream('shelf-2', moves(12, 9));
    await load('shelf-2');
    expect(
      (await snapshotsOf('shelf-2')).map((s) => (s.data as { revision: number }).revision),
    ).toEqual([11]);
    await db.store.appendToStream('shelf-2', moves(21, 1));
    await load('shelf-2');
    await load('shelf-2');
    expect(
      (await snapshotsOf('shelf-2')).map((s) => (s.data as { revision: number }).revision),
    ).toEqual([11, 21]);
    // Nothing to snapshot in a short or empty stream.
    await db.store.appendToStream('shelf-short', moves(0, 9));
    expect(await load('shelf-short')).toEqual({
      state: await fullFold('shelf-short'),
      revision: 8,
    });
    expect(await load('shelf-none')).toEqual({ state: shelf.initialState, revision: -1 });
    expect(await snapshotsOf('shelf-short')).toEqual([]);
    expect(await snapshotsOf('shelf-none')).toEqual([]);
  });

  it('ignores a snapshot of another version, and one whose event is no longer in the stream', async () => {
    await db.store.appendToStream('shelf-3', moves(0, 15));
    await load('shelf-3', { ...policy, version: 7 });
    db.reads.clear();
    // Version 1 cannot use version 7's snapshot: a full read, then its own snapshot.
    expect(await load('shelf-3')).toEqual({ state: await fullFold('shelf-3'), revision: 14 });
    expect(db.reads.get('shelf-3')).toEqual([15]);
    expect((await snapshotsOf('shelf-3')).map((s) => s.metadata.version)).toEqual([7, 1]);

    // A snapshot taken after an event the stream does not hold (deleted and recreated): unused.
    await db.store.appendToStream(policy.streamOf('shelf-3'), [
      {
        id: randomUUID(),
        type: SNAPSHOT_EVENT_TYPE,
        data: { revision: 14, eventId: randomUUID(), state: { items: ['forged'], moves: 99 } },
        metadata: { version: 1 },
      },
    ]);
    expect(await load('shelf-3')).toEqual({ state: await fullFold('shelf-3'), revision: 14 });
  });

  it('ignores malformed snapshot data', async () => {
    await db.store.appendToStream('shelf-4', moves(0, 5));
    for (const data of [
      null,
      { revision: -1, eventId: 'x', state: {} },
      { revision: 2.5, eventId: 'x', state: {} },
      { revision: 3, state: {} },
      { revision: 3, eventId: 'x', state: null },
      'not an object',
    ]) {
      await db.store.appendToStream(policy.streamOf('shelf-4'), [
        { id: randomUUID(), type: SNAPSHOT_EVENT_TYPE, data, metadata: { version: 1 } },
      ]);
      expect(await load('shelf-4')).toEqual({ state: await fullFold('shelf-4'), revision: 4 });
    }
  });

  it('answers the load when writing its snapshot fails', async () => {
    await db.store.appendToStream('shelf-5', moves(0, 20));
    const refusing = new Proxy(db.store, {
      get(target, key, receiver) {
        if (key === 'appendToStream') return () => Promise.reject(new Error('disk full'));
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    expect(await load('shelf-5', policy, refusing)).toEqual({
      state: await fullFold('shelf-5'),
      revision: 19,
    });
    expect(await snapshotsOf('shelf-5')).toEqual([]);
  });

  it('runs commands from snapshots: the same states and revisions, other writers still conflict', async () => {
    const results = [];
    for (let i = 0; i < 30; i++) {
      const type = i % 4 === 3 ? 'take' : 'put';
      const item = type === 'take' ? `item-${i - 1}` : `item-${i}`;
      results.push(
        await handleCommand(db.counted, 'shelf-6', shelf, command(type, item), {
          toDomainEvent: toShelfEvent,
          snapshots: policy,
        }),
      );
    }
    expect(results.map((r) => r.revision)).toEqual(Array.from({ length: 30 }, (_, i) => i));
    expect(results.at(-1)?.state).toEqual(await fullFold('shelf-6'));
    // Each command read at most `every` events past a snapshot, never the whole stream.
    expect(Math.max(...(db.reads.get('shelf-6') ?? []))).toBeLessThanOrEqual(policy.every + 1);
    expect((await snapshotsOf('shelf-6')).length).toBeGreaterThanOrEqual(2);

    // Two writers at once from the same snapshot: one retries after the conflict, none is lost.
    await Promise.all(
      ['a', 'b'].map((item) =>
        handleCommand(db.store, 'shelf-6', shelf, command('put', item), {
          toDomainEvent: toShelfEvent,
          snapshots: policy,
        }),
      ),
    );
    const after = await load('shelf-6');
    expect(after.revision).toBe(31);
    expect(after.state.items.slice(-2).sort()).toEqual(['a', 'b']);
  });

  it("loads a StreamWriter's stream from its snapshot on first use", async () => {
    await db.store.appendToStream('shelf-7', moves(0, 40));
    await load('shelf-7');
    db.reads.clear();
    const writer = new StreamWriter(db.counted, shelf, {
      toDomainEvent: toShelfEvent,
      snapshots: policy,
    });
    const result = await writer.write('shelf-7', command('put', 'late'));
    expect(result.revision).toBe(40);
    expect(result.state).toEqual(await fullFold('shelf-7'));
    expect(db.reads.get('shelf-7')).toEqual([1]);
  });
});
