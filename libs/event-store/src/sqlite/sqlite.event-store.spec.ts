import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  anEvent,
  eventually,
  ids,
  someEvents,
  uniqueStream,
} from '../../test/contract/contract.fixtures';
import { describeEventStoreContract } from '../../test/contract/event-store.contract';
import type { RecordedEvent } from '../event-store.port';
import { SqliteEventStore } from './sqlite.event-store';
import { useTempFiles } from '../../test/temp-files';

const tempFile = useTempFiles('sqlite');

/** No global index of event ids since D49, as on EventStoreDB: see the case below. */
const limits = { appendToStreams: true, noCrossStreamIdCheck: true } as const;
describeEventStoreContract(
  'sqlite (file)',
  () => SqliteEventStore.open({ filename: tempFile() }),
  limits,
);
describeEventStoreContract(
  'sqlite (:memory:)',
  () => SqliteEventStore.open({ filename: ':memory:' }),
  limits,
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

  it('parses data on first access, and every read hands out its own copy', async () => {
    const store = await SqliteEventStore.open({ filename: ':memory:' });
    try {
      const streamId = uniqueStream();
      await store.appendToStream(streamId, [anEvent('Big', { list: [1, 2], nested: { a: 'x' } })]);
      const [first] = await store.readStream(streamId);
      const [second] = await store.readAll({ filter: { streamPrefixes: [streamId] } });
      expect(first!.data).toBe(first!.data); // parsed once, then the same object
      (first!.data as { list: number[] }).list.push(3);
      expect(second!.data).toEqual({ list: [1, 2], nested: { a: 'x' } });
      // A plain object still: spreads, serialises and compares with its data.
      expect({ ...second! }.data).toEqual({ list: [1, 2], nested: { a: 'x' } });
      expect(JSON.parse(JSON.stringify(first))).toMatchObject({ data: { list: [1, 2, 3] } });
    } finally {
      await store.close();
    }
  });
});
