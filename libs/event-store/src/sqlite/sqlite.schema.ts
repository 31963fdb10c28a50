import type Database from 'better-sqlite3';

/** The event-store layout, stored in `PRAGMA user_version`. A file from before D49 reads 0. */
export const EVENTS_SCHEMA_VERSION = 2;

/**
 * Two tables are the log (D49):
 *
 * - `streams` numbers each stream when its first event is written. Numbers only grow (rows are
 *   never deleted), so a stream opened recently has a number near the top.
 * - `events.position` is the rowid with AUTOINCREMENT, so a position is never handed out twice
 *   even if the last rows were ever removed; subscribers' checkpoints stay meaningful. SQLite
 *   has one writer at a time, so positions grow in commit order, across processes too.
 * - `UNIQUE (stream, revision)` keeps revisions dense and serves stream reads.
 * - `UNIQUE (stream, id)` makes the event id the idempotency key of its stream and lets a retry
 *   find its batch. Like EventStoreDB, the store keeps no global index of event ids.
 * - `stream_id` is kept on every event too (unindexed): reads return it and stream-prefix
 *   filters test it without a join.
 * - `recorded_at` is epoch milliseconds.
 *
 * Why numbers rather than the stream id in the indexes: both indexes are keyed by stream first,
 * and the streams a burst writes to (consultations just opened) have neighbouring numbers, so
 * a commit of 1,000 events dirties a few index pages at the end of each index. Keyed by stream
 * id or event id (random UUIDs), every event landed on a different page of a large index: on a
 * store of 200,000 events a 1,051-event commit wrote 10.5 MB of WAL instead of 1.6 MB.
 *
 * Filtered `$all` reads walk the position order (the rowid) rather than a stream index: a
 * subscription page wants the NEXT n matching events, and a prefix index would make every page
 * sort all matching rows after the checkpoint.
 */
export const EVENTS_DDL = `
  CREATE TABLE IF NOT EXISTS streams (
    num       INTEGER PRIMARY KEY,
    stream_id TEXT    NOT NULL,
    CONSTRAINT streams_stream_id_unique UNIQUE (stream_id)
  );
  CREATE TABLE IF NOT EXISTS events (
    position    INTEGER PRIMARY KEY AUTOINCREMENT,
    id          TEXT    NOT NULL,
    stream_id   TEXT    NOT NULL,
    stream      INTEGER NOT NULL,
    revision    INTEGER NOT NULL,
    type        TEXT    NOT NULL,
    data        TEXT    NOT NULL,
    metadata    TEXT    NOT NULL,
    recorded_at INTEGER NOT NULL,
    CONSTRAINT events_stream_revision_unique UNIQUE (stream, revision),
    CONSTRAINT events_stream_id_unique UNIQUE (stream, id)
  );
`;

/**
 * The pragmas every connection to an event-store file uses (the benchmark's raw baseline uses
 * the same ones, so the comparison is fair).
 *
 * - WAL: readers never block the writer, and a commit is one append to the WAL file.
 * - synchronous=FULL: the WAL is fsynced at every commit, so a resolved append survives a
 *   power cut (NORMAL would only survive a process crash).
 * - busy_timeout: another process holding the write lock makes us wait, not fail.
 */
export function configureConnection(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
}

export type EventsLayout = 'none' | 'v1' | 'v2';

/** What the file holds: no log yet, the first layout (events keyed by stream id), or D49's. */
export function eventsLayout(db: Database.Database): EventsLayout {
  const columns = db.prepare("SELECT name FROM pragma_table_info('events')").pluck(true).all();
  if (columns.length === 0) return 'none';
  return columns.includes('stream') ? 'v2' : 'v1';
}

/**
 * Creates the log in a new file, or brings an older file's log to this layout, in one write
 * transaction (another process opening the same file waits for it, then finds it done).
 */
export function ensureSchema(db: Database.Database): void {
  // A file already in this layout is only read: no write lock or commit on every open.
  if (eventsLayout(db) === 'v2' && schemaVersion(db) === EVENTS_SCHEMA_VERSION) return;
  db.transaction(() => {
    if (eventsLayout(db) === 'v1') migrateFromV1(db);
    else db.exec(EVENTS_DDL);
    db.pragma(`user_version = ${EVENTS_SCHEMA_VERSION}`);
  }).immediate();
}

/**
 * v1 → v2: numbers the streams in the order of their first event and copies every event with
 * its position, so subscribers' checkpoints stay valid; the position sequence carries on from
 * where it was. Event ids, revisions and data are unchanged.
 */
function migrateFromV1(db: Database.Database): void {
  db.exec(`
    ALTER TABLE events RENAME TO events_v1;
    ${EVENTS_DDL}
    INSERT INTO streams (stream_id)
      SELECT stream_id FROM events_v1 GROUP BY stream_id ORDER BY min(position);
    INSERT INTO events (position, id, stream_id, stream, revision, type, data, metadata, recorded_at)
      SELECT e.position, e.id, e.stream_id, s.num, e.revision, e.type, e.data, e.metadata, e.recorded_at
      FROM events_v1 e JOIN streams s ON s.stream_id = e.stream_id
      ORDER BY e.position;
    INSERT INTO sqlite_sequence (name, seq)
      SELECT 'events', 0 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'events');
    UPDATE sqlite_sequence
      SET seq = max(seq, coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'events_v1'), 0))
      WHERE name = 'events';
    DROP TABLE events_v1;
  `);
}

function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}
