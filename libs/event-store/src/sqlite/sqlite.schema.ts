import type Database from 'better-sqlite3';

/**
 * One table is the log:
 *
 * - `position` is the rowid with AUTOINCREMENT, so a position is never handed out twice even
 *   if the last rows were ever removed; subscribers' checkpoints stay meaningful. SQLite has
 *   one writer at a time, so positions grow in commit order, across processes too.
 * - `UNIQUE (stream_id, revision)` keeps revisions dense and serves stream reads; its
 *   leading `stream_id` also serves prefix ranges on stream ids.
 * - `UNIQUE (id)` makes the event id the idempotency key and lets a retry find its batch.
 * - `recorded_at` is epoch milliseconds.
 *
 * Filtered `$all` reads walk the position order (the rowid) rather than the stream index: a
 * subscription page wants the NEXT n matching events, and a prefix index would make every page
 * sort all matching rows after the checkpoint.
 */
export const EVENTS_DDL = `
  CREATE TABLE IF NOT EXISTS events (
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

export function ensureSchema(db: Database.Database): void {
  db.exec(EVENTS_DDL);
}
