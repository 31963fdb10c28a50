import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { anEvent, someEvents, uniqueStream } from '../../test/contract/contract.fixtures';
import { WrongExpectedRevisionError } from '../event-store.errors';
import { SqliteEventStore } from './sqlite.event-store';

describe('SQLite appendToStreams: one transaction, within the group commit (the contract has the rest)', () => {
  let store: SqliteEventStore;
  beforeEach(async () => {
    store = await SqliteEventStore.open({ filename: ':memory:' });
  });
  afterEach(async () => {
    await store.close();
  });

  it('writes every append in one transaction, each checked against the ones before it', async () => {
    const [a, b] = [uniqueStream(), uniqueStream()];
    await store.appendToStream(b, [anEvent()]);
    const before = store.stats.transactions;
    const results = await store.appendToStreams([
      { streamId: a, events: someEvents(2), options: { expectedRevision: 'no_stream' } },
      { streamId: b, events: [anEvent()], options: { expectedRevision: 0 } },
      { streamId: a, events: [anEvent()], options: { expectedRevision: 1 } },
    ]);
    expect(results.map((r) => [r.nextExpectedRevision, r.written])).toEqual([
      [1, true],
      [1, true],
      [2, true],
    ]);
    expect(results[0].position).toBeLessThan(results[1].position);
    expect(results[1].position).toBeLessThan(results[2].position);
    expect(store.stats.transactions - before).toBe(1);
    expect(await store.readStream(a)).toHaveLength(3);
    expect(await store.readStream(b)).toHaveLength(2);
  });

  it('writes nothing when one append is refused, and fails alone in its group commit', async () => {
    const [a, b, neighbour] = [uniqueStream(), uniqueStream(), uniqueStream()];
    await store.appendToStream(b, [anEvent()]);
    const [group, single] = await Promise.allSettled([
      store.appendToStreams([
        { streamId: a, events: [anEvent()], options: { expectedRevision: 'no_stream' } },
        { streamId: b, events: [anEvent()], options: { expectedRevision: 5 } },
      ]),
      store.appendToStream(neighbour, [anEvent()], { expectedRevision: 'no_stream' }),
    ]);
    expect(group.status).toBe('rejected');
    expect((group as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevisionError);
    expect(single).toMatchObject({ status: 'fulfilled', value: { written: true } });
    expect(await store.readStream(a)).toEqual([]);
    expect(await store.readStream(b)).toHaveLength(1);
    // The rolled-back append left no trace in the revision cache either.
    await expect(
      store.appendToStream(a, [anEvent()], { expectedRevision: 'no_stream' }),
    ).resolves.toMatchObject({ nextExpectedRevision: 0 });
  });

  it('stays all or nothing on the careful path (a batch where an insert hit a stored id)', async () => {
    const stored = anEvent();
    const repeated = uniqueStream();
    await store.appendToStream(repeated, [stored]);
    const [x, y, z] = [uniqueStream(), uniqueStream(), uniqueStream()];
    const [reused, good, refused] = await Promise.allSettled([
      // Expected revision `any`: only its insert finds the stored id (a partial repeat).
      store.appendToStream(repeated, [stored, anEvent()]),
      store.appendToStreams([
        { streamId: x, events: [anEvent()], options: { expectedRevision: 'no_stream' } },
        { streamId: y, events: [anEvent()], options: { expectedRevision: 'no_stream' } },
      ]),
      store.appendToStreams([
        { streamId: z, events: [anEvent()], options: { expectedRevision: 'no_stream' } },
        { streamId: x, events: [anEvent()], options: { expectedRevision: 'no_stream' } },
      ]),
    ]);
    expect(store.stats.carefulRetries).toBe(1);
    expect(reused.status).toBe('rejected');
    expect(good).toMatchObject({ status: 'fulfilled', value: [{ written: true }, {}] });
    expect((refused as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevisionError);
    expect(await store.readStream(x)).toHaveLength(1);
    expect(await store.readStream(y)).toHaveLength(1);
    expect(await store.readStream(z)).toEqual([]);
  });
});
