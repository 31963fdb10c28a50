import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  anEvent,
  eventually,
  ids,
  someEvents,
  uniqueStream,
} from '../../test/contract/contract.fixtures';
import { describeEventStoreContract } from '../../test/contract/event-store.contract';
import { IdempotencyConflictError, WrongExpectedRevisionError } from '../event-store.errors';
import type { RecordedEvent } from '../event-store.port';
import { SqliteEventStore } from './sqlite.event-store';

const dirs: string[] = [];
function tempFile(name = 'events.db'): string {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-sqlite-'));
  dirs.push(dir);
  return join(dir, name);
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describeEventStoreContract('sqlite (file)', () => SqliteEventStore.open({ filename: tempFile() }));
describeEventStoreContract('sqlite (:memory:)', () =>
  SqliteEventStore.open({ filename: ':memory:' }),
);

describe('SqliteEventStore', () => {
  it('keeps events, revisions and positions across close and reopen', async () => {
    const filename = tempFile();
    const first = await SqliteEventStore.open({ filename });
    const streamId = uniqueStream();
    const batch = someEvents(3);
    await first.appendToStream(streamId, batch, { expectedRevision: 'no_stream' });
    const before = await first.readStream(streamId);
    await first.close();

    const second = await SqliteEventStore.open({ filename });
    try {
      expect(await second.readStream(streamId)).toEqual(before);
      const next = await second.appendToStream(streamId, [anEvent()], { expectedRevision: 2 });
      expect(next.nextExpectedRevision).toBe(3);
      expect(next.position).toBeGreaterThan(before[2]!.position);
    } finally {
      await second.close();
    }
  });

  it('creates the parent directory and uses WAL', async () => {
    const filename = join(tempFile('unused'), '..', 'nested', 'deeper', 'events.db');
    const store = await SqliteEventStore.open({ filename });
    await store.appendToStream(uniqueStream(), [anEvent()]);
    await store.close();
    const raw = new Database(filename, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
  });

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

  it('delivers a rare filtered event behind more non-matching events than one scan window', async () => {
    const store = await SqliteEventStore.open({ filename: tempFile() });
    try {
      const noise = uniqueStream('noise');
      for (let n = 0; n < 25; n++) await store.appendToStream(noise, someEvents(1000));
      const wanted = uniqueStream('wanted');
      const event = anEvent();
      await store.appendToStream(wanted, [event]);
      const seen: RecordedEvent[] = [];
      const subscription = store.subscribeToAll({ filter: { streamPrefixes: [wanted] } }, (e) => {
        seen.push(e);
      });
      await eventually(() => seen.length === 1, 'the wanted event');
      const later = anEvent();
      await store.appendToStream(wanted, [later]);
      await eventually(() => seen.length === 2, 'the live wanted event');
      expect(ids(seen)).toEqual(ids([event, later]));
      await subscription.stop();
    } finally {
      await store.close();
    }
  });

  it("sees another connection's appends on the same file (poll fallback, fresh revisions)", async () => {
    const filename = tempFile();
    const writer = await SqliteEventStore.open({ filename });
    const watcher = await SqliteEventStore.open({ filename, pollIntervalMs: 20 });
    try {
      const streamId = uniqueStream('shared');
      await watcher.appendToStream(streamId, [anEvent()]); // warms the watcher's revision cache
      const seen: RecordedEvent[] = [];
      const subscription = watcher.subscribeToAll(
        { filter: { streamPrefixes: [streamId] } },
        (e) => {
          seen.push(e);
        },
      );
      const batch = someEvents(2);
      await writer.appendToStream(streamId, batch, { expectedRevision: 0 });
      await eventually(() => seen.length === 3, 'the other connection’s events');
      expect(ids(seen.slice(1))).toEqual(ids(batch));
      // The watcher must not trust its cached revision 0 now.
      await expect(
        watcher.appendToStream(streamId, [anEvent()], { expectedRevision: 0 }),
      ).rejects.toMatchObject({
        actual: 2,
      });
      await subscription.stop();
    } finally {
      await writer.close();
      await watcher.close();
    }
  });
});
