import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { anEvent, ids, someEvents, uniqueStream } from '../../test/contract/contract.fixtures';
import { useTempFiles } from '../../test/temp-files';
import { WrongExpectedRevisionError } from '../event-store.errors';
import { SqliteEventStore } from './sqlite.event-store';
import { EVENTS_SCHEMA_VERSION, eventsLayout } from './sqlite.schema';

const tempFile = useTempFiles('sqlite-schema');

/** The layout files were written in before D49 (user_version 0). */
const V1_DDL = `
  CREATE TABLE events (
    position    INTEGER PRIMARY KEY AUTOINCREMENT,
    id          TEXT    NOT NULL,
    stream_id   TEXT    NOT NULL,
    revision    INTEGER NOT NULL,
    type        TEXT    NOT NULL,
    data        TEXT    NOT NULL,
    metadata    TEXT    NOT NULL,
    recorded_at INTEGER NOT NULL,
    CONSTRAINT events_id_unique UNIQUE (id),
    CONSTRAINT events_stream_revision_unique UNIQUE (stream_id, revision)
  );
`;

type V1Row = [id: string, streamId: string, revision: number, type: string, data: object];

function writeV1File(filename: string, rows: readonly V1Row[], sequence: number): void {
  const db = new Database(filename);
  db.pragma('journal_mode = WAL');
  db.exec(V1_DDL);
  const insert = db.prepare(
    'INSERT INTO events (id, stream_id, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  rows.forEach(([id, streamId, revision, type, data], i) =>
    insert.run(id, streamId, revision, type, JSON.stringify(data), '{"v":1}', 1_000 + i),
  );
  // The sequence can be ahead of the last row (rows removed by hand): positions never repeat.
  db.prepare("UPDATE sqlite_sequence SET seq = ? WHERE name = 'events'").run(sequence);
  db.close();
}

describe('SQLite event-store layout (D49)', () => {
  it('numbers streams: a new file has the v2 layout and its version', async () => {
    const filename = tempFile();
    const store = await SqliteEventStore.open({ filename });
    const [a, b] = [uniqueStream(), uniqueStream()];
    await store.appendToStream(a, someEvents(2));
    await store.appendToStream(b, [anEvent()]);
    await store.appendToStream(a, [anEvent()]);
    await store.close();

    const raw = new Database(filename, { readonly: true });
    try {
      expect(eventsLayout(raw)).toBe('v2');
      expect(raw.pragma('user_version', { simple: true })).toBe(EVENTS_SCHEMA_VERSION);
      const streams = raw.prepare('SELECT stream_id FROM streams ORDER BY num').pluck().all();
      expect(streams).toEqual([a, b]);
      const nums = raw.prepare('SELECT stream FROM events ORDER BY position').pluck().all();
      expect(nums).toEqual([1, 1, 2, 1]);
    } finally {
      raw.close();
    }
  });

  it('migrates a v1 file: same events, positions, revisions; positions carry on after its sequence', async () => {
    const filename = tempFile();
    const [a, b] = ['order-1', 'order-2'];
    const [a0, b0, a1] = someEvents(3).map((e) => e.id);
    writeV1File(
      filename,
      [
        [a0, a, 0, 'Placed', { n: 1 }],
        [b0, b, 0, 'Placed', { n: 2 }],
        [a1, a, 1, 'Paid', { n: 3 }],
      ],
      10,
    );

    const store = await SqliteEventStore.open({ filename });
    try {
      const all = await store.readAll();
      expect(all.map((e) => [e.position, e.id, e.streamId, e.revision, e.type, e.data])).toEqual([
        [1, a0, a, 0, 'Placed', { n: 1 }],
        [2, b0, b, 0, 'Placed', { n: 2 }],
        [3, a1, a, 1, 'Paid', { n: 3 }],
      ]);
      expect(all.map((e) => [e.metadata, e.recordedAt.getTime()])).toEqual([
        [{ v: 1 }, 1_000],
        [{ v: 1 }, 1_001],
        [{ v: 1 }, 1_002],
      ]);
      expect(ids(await store.readStream(a))).toEqual([a0, a1]);
      // Revisions carry on, a stale expectation is refused, and a retry of a stored event is
      // an idempotent replay.
      await expect(
        store.appendToStream(a, [anEvent()], { expectedRevision: 0 }),
      ).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      const replay = await store.appendToStream(b, [{ id: b0, type: 'Placed', data: { n: 2 } }]);
      expect(replay).toEqual({ nextExpectedRevision: 0, position: 2, written: false });
      const next = await store.appendToStream(a, [anEvent()], { expectedRevision: 1 });
      expect(next).toMatchObject({ nextExpectedRevision: 2, written: true });
      expect(next.position).toBe(11);
    } finally {
      await store.close();
    }
    const raw = new Database(filename, { readonly: true });
    try {
      expect(eventsLayout(raw)).toBe('v2');
      expect(raw.pragma('user_version', { simple: true })).toBe(EVENTS_SCHEMA_VERSION);
      const tables = raw
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .pluck()
        .all();
      expect(tables).toEqual(['events', 'sqlite_sequence', 'streams']);
    } finally {
      raw.close();
    }
  });

  it('opens an empty v1 file and a v2 file again without touching them', async () => {
    const filename = tempFile();
    writeV1File(filename, [], 0);
    const first = await SqliteEventStore.open({ filename });
    const stream = uniqueStream();
    const written = await first.appendToStream(stream, [anEvent()]);
    await first.close();
    const second = await SqliteEventStore.open({ filename });
    try {
      expect(written.position).toBe(1);
      expect(await second.readStream(stream)).toHaveLength(1);
      await expect(second.appendToStream(uniqueStream(), [anEvent()])).resolves.toMatchObject({
        position: 2,
      });
    } finally {
      await second.close();
    }
  });

  it('takes a rolled-back stream number back: the next new stream reuses it, the refused one starts afresh', async () => {
    const store = await SqliteEventStore.open({ filename: ':memory:' });
    try {
      const existing = uniqueStream();
      await store.appendToStream(existing, [anEvent()]);
      const [refusedNew, next] = [uniqueStream(), uniqueStream()];
      // The new stream is numbered inside the group, then the group is refused.
      await expect(
        store.appendToStreams([
          { streamId: refusedNew, events: [anEvent()], options: { expectedRevision: 'no_stream' } },
          { streamId: existing, events: [anEvent()], options: { expectedRevision: 7 } },
        ]),
      ).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      const nextEvent = anEvent();
      await store.appendToStream(next, [nextEvent], { expectedRevision: 'no_stream' });
      const later = anEvent();
      await store.appendToStream(refusedNew, [later], { expectedRevision: 'no_stream' });

      expect(ids(await store.readStream(next))).toEqual([nextEvent.id]);
      expect(ids(await store.readStream(refusedNew))).toEqual([later.id]);
    } finally {
      await store.close();
    }
  });

  it('keeps no global index of event ids: an id reused in another stream is stored there too', async () => {
    // As on EventStoreDB; the contract suite runs with `noCrossStreamIdCheck` for this store.
    const store = await SqliteEventStore.open({ filename: ':memory:' });
    try {
      const event = anEvent();
      const [first, second] = [uniqueStream(), uniqueStream()];
      await store.appendToStream(first, [event]);
      await expect(store.appendToStream(second, [event])).resolves.toMatchObject({
        written: true,
      });
      expect(ids(await store.readStream(second))).toEqual([event.id]);
      // Within its own stream the id is still the idempotency key.
      await expect(store.appendToStream(first, [event])).resolves.toMatchObject({
        written: false,
      });
    } finally {
      await store.close();
    }
  });
});
