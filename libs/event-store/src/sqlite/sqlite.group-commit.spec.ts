import { describe, expect, it } from 'vitest';
import { anEvent, someEvents, uniqueStream } from '../../test/contract/contract.fixtures';
import { IdempotencyConflictError, WrongExpectedRevisionError } from '../event-store.errors';
import { SqliteEventStore } from './sqlite.event-store';
import { useTempFiles } from '../../test/temp-files';

const tempFile = useTempFiles('group-commit');

describe('group commit', () => {
  it('writes 100 concurrent appends in a handful of transactions', async () => {
    const store = await SqliteEventStore.open({ filename: tempFile() });
    try {
      const before = store.stats.transactions;
      await Promise.all(
        Array.from({ length: 100 }, () => store.appendToStream(uniqueStream(), [anEvent()])),
      );
      const transactions = store.stats.transactions - before;
      expect(transactions).toBeGreaterThanOrEqual(1);
      expect(transactions).toBeLessThanOrEqual(3);
    } finally {
      await store.close();
    }
  });

  it('fails one append of a batch alone: its neighbours in the same transaction succeed', async () => {
    const store = await SqliteEventStore.open({ filename: tempFile() });
    try {
      const contested = uniqueStream();
      const stored = anEvent();
      const elsewhere = uniqueStream();
      await store.appendToStream(elsewhere, [stored]);
      const before = store.stats.transactions;

      const [first, loser, replay, other, partial] = await Promise.allSettled([
        store.appendToStream(contested, [anEvent()], { expectedRevision: 'no_stream' }),
        store.appendToStream(contested, [anEvent()], { expectedRevision: 'no_stream' }),
        store.appendToStream(elsewhere, [stored], { expectedRevision: 'no_stream' }),
        store.appendToStream(uniqueStream(), someEvents(2), { expectedRevision: 'no_stream' }),
        store.appendToStream(elsewhere, [stored, anEvent()]),
      ]);

      expect(first).toMatchObject({
        status: 'fulfilled',
        value: { nextExpectedRevision: 0, written: true },
      });
      expect(loser.status).toBe('rejected');
      expect((loser as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevisionError);
      expect((loser as PromiseRejectedResult).reason.actual).toBe(0);
      expect(replay).toMatchObject({
        status: 'fulfilled',
        value: { written: false, nextExpectedRevision: 0 },
      });
      expect(other).toMatchObject({
        status: 'fulfilled',
        value: { nextExpectedRevision: 1, written: true },
      });
      expect((partial as PromiseRejectedResult).reason).toBeInstanceOf(IdempotencyConflictError);
      expect(store.stats.transactions - before).toBe(1);
      // Only the partial repeat with `any` reaches an insert that hits a stored id.
      expect(store.stats.carefulRetries).toBe(1);
      expect(await store.readStream(contested)).toHaveLength(1);
      expect(await store.readStream(elsewhere)).toHaveLength(1);
    } finally {
      await store.close();
    }
  });

  it('lets appends to one stream in one batch see each other (exact revisions chain)', async () => {
    const store = await SqliteEventStore.open({ filename: tempFile() });
    try {
      const streamId = uniqueStream();
      const before = store.stats.transactions;
      const results = await Promise.all([
        store.appendToStream(streamId, [anEvent()], { expectedRevision: 'no_stream' }),
        store.appendToStream(streamId, someEvents(2), { expectedRevision: 0 }),
        store.appendToStream(streamId, [anEvent()], { expectedRevision: 2 }),
      ]);
      expect(results.map((r) => r.nextExpectedRevision)).toEqual([0, 2, 3]);
      expect(store.stats.transactions - before).toBe(1);
      expect(store.stats.carefulRetries).toBe(0); // the fast path chained them itself
    } finally {
      await store.close();
    }
  });

  it('handles a replay with `any` inside a batch (the careful path) without failing others', async () => {
    const store = await SqliteEventStore.open({ filename: tempFile() });
    try {
      const streamId = uniqueStream();
      const batch = someEvents(2);
      const original = await store.appendToStream(streamId, batch);
      const [replay, fresh] = await Promise.all([
        store.appendToStream(streamId, batch, { expectedRevision: 'any' }),
        store.appendToStream(streamId, [anEvent()], { expectedRevision: 'any' }),
      ]);
      expect(replay).toEqual({ ...original, written: false });
      expect(fresh).toMatchObject({ nextExpectedRevision: 2, written: true });
      expect(store.stats.carefulRetries).toBe(1);
      expect(await store.readStream(streamId)).toHaveLength(3);
    } finally {
      await store.close();
    }
  });
});
