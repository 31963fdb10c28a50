import type Database from 'better-sqlite3';

/**
 * The read model in one SQLite file:
 *
 * - `facts`: a rowid table, so a row lands at the end of the table b-tree; the fact id's
 *   UNIQUE index is the idempotency check (`INSERT OR IGNORE`). A WITHOUT ROWID table keyed by
 *   the (random UUID) id was ~30% slower to fill: every insert split pages of the b-tree that
 *   also holds the data. `(subject, at, revision, id)` serves per-subject reads in the port's
 *   order without a sort, `(at)` time ranges across subjects.
 * - `positions`: the last applied offset per (topic, partition), as an INTEGER so offsets
 *   compare as numbers ("10" > "9").
 *
 * Text compares with SQLite's BINARY collation (UTF-8 bytes = code point order), the order of
 * `compareFacts` for every string without characters outside the BMP.
 */
/** The indexes only reads need: a bulk load drops them and builds them once at the end. */
export const READ_INDEXES_DDL = `
  CREATE INDEX IF NOT EXISTS facts_subject_at ON facts (subject, at, revision, id);
  CREATE INDEX IF NOT EXISTS facts_at ON facts (at);
`;

export const DROP_READ_INDEXES_DDL = `
  DROP INDEX IF EXISTS facts_subject_at;
  DROP INDEX IF EXISTS facts_at;
`;

const DDL = `
  CREATE TABLE IF NOT EXISTS facts (
    seq      INTEGER PRIMARY KEY,
    id       TEXT    NOT NULL,
    subject  TEXT    NOT NULL,
    kind     TEXT    NOT NULL,
    at       TEXT    NOT NULL,
    revision INTEGER NOT NULL,
    data     TEXT    NOT NULL,
    CONSTRAINT facts_id_unique UNIQUE (id)
  );
  ${READ_INDEXES_DDL}
  CREATE TABLE IF NOT EXISTS positions (
    topic     TEXT    NOT NULL,
    partition INTEGER NOT NULL,
    offset    INTEGER NOT NULL,
    PRIMARY KEY (topic, partition)
  ) WITHOUT ROWID;
`;

/** Bumped when the layout changes; stored in `PRAGMA user_version`. */
const SCHEMA_VERSION = 1;

/**
 * - WAL: readers (the metrics REST) never block the projector's writes.
 * - synchronous=NORMAL, unlike the event store's FULL: the read model is rebuildable from the
 *   topics, and a commit lost to a power cut is re-applied from the stored positions (which
 *   are lost with it), so durability per commit buys nothing here but an fsync per transaction.
 * - busy_timeout: a rebuild CLI holding the write lock makes the service wait, not fail.
 * - cache_size 64 MiB (default 2 MiB): fact ids are random UUIDs, so their index takes inserts
 *   all over; with the small default cache a big rebuild re-reads pages evicted a moment ago.
 */
export function configureFactConnection(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('cache_size = -65536');
}

/**
 * Creates the tables in a new file. A file with facts in another layout is refused with what
 * to do: the read model is rebuildable, so there is no migration.
 */
export function ensureFactSchema(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  const hasFacts =
    db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'facts'").get() !==
    undefined;
  if (hasFacts && version !== SCHEMA_VERSION) {
    throw new Error(
      `The data read model ${db.name} has an older layout (version ${version}, expected ` +
        `${SCHEMA_VERSION}): delete the file and run npm run data:rebuild`,
    );
  }
  db.transaction(() => {
    db.exec(DDL);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  })();
}
