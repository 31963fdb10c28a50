import type Database from 'better-sqlite3';

/**
 * The read model in one SQLite file:
 *
 * - `facts`: WITHOUT ROWID with the fact id as primary key, so the idempotency check and the
 *   row are one b-tree; `(subject, at, revision)` serves per-subject reads in the port's order
 *   (the id is part of every secondary index of a WITHOUT ROWID table), `(at)` serves time
 *   ranges across subjects.
 * - `positions`: the last applied offset per (topic, partition), as an INTEGER so offsets
 *   compare as numbers ("10" > "9").
 *
 * Text compares with SQLite's BINARY collation (UTF-8 bytes = code point order), the order of
 * `compareFacts` for every string without characters outside the BMP.
 */
const DDL = `
  CREATE TABLE IF NOT EXISTS facts (
    id       TEXT    NOT NULL PRIMARY KEY,
    subject  TEXT    NOT NULL,
    kind     TEXT    NOT NULL,
    at       TEXT    NOT NULL,
    revision INTEGER NOT NULL,
    data     TEXT    NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS facts_subject_at ON facts (subject, at, revision);
  CREATE INDEX IF NOT EXISTS facts_at ON facts (at);
  CREATE TABLE IF NOT EXISTS positions (
    topic     TEXT    NOT NULL,
    partition INTEGER NOT NULL,
    offset    INTEGER NOT NULL,
    PRIMARY KEY (topic, partition)
  ) WITHOUT ROWID;
`;

/**
 * - WAL: readers (the metrics REST) never block the projector's writes.
 * - synchronous=NORMAL, unlike the event store's FULL: the read model is rebuildable from the
 *   topics, and a commit lost to a power cut is re-applied from the stored positions (which
 *   are lost with it), so durability per commit buys nothing here but an fsync per transaction.
 * - busy_timeout: a rebuild CLI holding the write lock makes the service wait, not fail.
 */
export function configureFactConnection(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
}

export function ensureFactSchema(db: Database.Database): void {
  db.exec(DDL);
}
