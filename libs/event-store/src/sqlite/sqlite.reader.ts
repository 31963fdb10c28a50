import type Database from 'better-sqlite3';
import type { CatchUpPage } from '../catch-up.subscription';
import { isEmptyFilter } from '../event-filter';
import type {
  EventFilter,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
} from '../event-store.port';

/** Column order of every read; statements run in raw mode (arrays), which skips building a
 * row object per event before we build the RecordedEvent anyway. */
const COLUMNS = 'position, id, stream_id, revision, type, data, metadata, recorded_at';
type Row = [number, string, string, number, string, string, string, number];

/** A stream's events by its number (D49): the `(stream, revision)` index serves the read. */
const BY_STREAM = 'stream = (SELECT num FROM streams WHERE stream_id = ?)';

/** How far past its checkpoint one filtered subscription page may scan, in positions: bounds
 * the time one synchronous query can hold the event loop when few events match. */
const SCAN_WINDOW = 20_000;
const NO_LIMIT = -1;

/**
 * `data` and `metadata` are parsed on first read, then kept. Subscribers often need only the type, the stream or
 * the metadata of an event they match (the router, for instance, takes the consultation id of a
 * `ConsultationAssigned` from its stream id), and an assignment's data is ~5 KB of reason: parsing
 * it for every subscriber was the largest self-time entry of the routing benchmark. An own,
 * enumerable getter, so the event still compares, spreads and serialises as a plain object.
 */
function toRecorded(row: Row): RecordedEvent {
  const json = row[5];
  const metadataJson = row[6];
  let data: unknown;
  let metadata: RecordedEvent['metadata'] | undefined;
  let parsed = false;
  return {
    position: row[0],
    id: row[1],
    streamId: row[2],
    revision: row[3],
    type: row[4],
    get data(): unknown {
      if (!parsed) {
        data = JSON.parse(json) as unknown;
        parsed = true;
      }
      return data;
    },
    // Lazy too: four in-process subscribers reading a burst of 6,000 events parsed 24,000
    // metadata objects, most of them never looked at.
    get metadata(): RecordedEvent['metadata'] {
      metadata ??= JSON.parse(metadataJson) as RecordedEvent['metadata'];
      return metadata;
    },
    recordedAt: new Date(row[7]),
  };
}

function limitOf(maxCount: number | undefined): number {
  // Infinity means no limit (as on PostgreSQL); SQLite would refuse it as a LIMIT.
  return maxCount === undefined || maxCount === Infinity
    ? NO_LIMIT
    : Math.max(0, Math.floor(maxCount));
}

/** Synchronous reads over one connection. */
export class SqliteEventReader {
  private readonly forwardStream: Database.Statement;
  /** Without LIMIT: a whole-stream read (every command's) ran 3-4x slower with `LIMIT -1`. */
  private readonly wholeStream: Database.Statement;
  private readonly backwardStream: Database.Statement;
  private readonly head: Database.Statement;
  private readonly allStatements = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {
    this.forwardStream = db
      .prepare(
        `SELECT ${COLUMNS} FROM events WHERE ${BY_STREAM} AND revision >= ? ORDER BY revision LIMIT ?`,
      )
      .raw(true);
    this.wholeStream = db
      .prepare(
        `SELECT ${COLUMNS} FROM events WHERE ${BY_STREAM} AND revision >= ? ORDER BY revision`,
      )
      .raw(true);
    this.backwardStream = db
      .prepare(
        `SELECT ${COLUMNS} FROM events WHERE ${BY_STREAM} AND revision <= ? ORDER BY revision DESC LIMIT ?`,
      )
      .raw(true);
    this.head = db.prepare('SELECT max(position) FROM events').pluck(true);
  }

  readStream(streamId: string, options: ReadStreamOptions = {}): RecordedEvent[] {
    const limit = limitOf(options.maxCount);
    const from = options.fromRevision;
    let rows: Row[];
    if (options.direction === 'backwards') {
      const start =
        from === undefined || from === 'end'
          ? Number.MAX_SAFE_INTEGER
          : from === 'start'
            ? 0
            : from;
      rows = this.backwardStream.all(streamId, start, limit) as Row[];
    } else if (from === 'end') {
      // Forwards from the end is the last event alone: `end` names the last event's revision.
      rows =
        limit === 0 ? [] : (this.backwardStream.all(streamId, Number.MAX_SAFE_INTEGER, 1) as Row[]);
    } else {
      const start = from === undefined || from === 'start' ? 0 : from;
      rows = (
        limit === NO_LIMIT
          ? this.wholeStream.all(streamId, start)
          : this.forwardStream.all(streamId, start, limit)
      ) as Row[];
    }
    return rows.map(toRecorded);
  }

  readAll(options: ReadAllOptions = {}): RecordedEvent[] {
    const backwards = options.direction === 'backwards';
    const after = options.after ?? (backwards ? Number.MAX_SAFE_INTEGER : 0);
    return this.query(backwards, after, undefined, options.filter, limitOf(options.maxCount));
  }

  /**
   * One page for a catch-up subscription. Filtered pages scan at most SCAN_WINDOW positions
   * and report how far they looked (`scannedTo`), so a rare filter neither blocks the event
   * loop nor rescans the same non-matching rows on every wake-up.
   */
  readPage(after: number, maxCount: number, filter: EventFilter | undefined): CatchUpPage {
    if (isEmptyFilter(filter))
      return { events: this.query(false, after, undefined, undefined, maxCount) };
    // One snapshot for the head and the page: another process may commit in between.
    return this.db.transaction((): CatchUpPage => {
      const head = (this.head.get() as number | null) ?? 0;
      const upper = Math.min(head, after + SCAN_WINDOW);
      const events = this.query(false, after, upper, filter, maxCount);
      const full = events.length >= maxCount;
      const scannedTo = full ? events[events.length - 1]!.position : upper;
      return { events, scannedTo, hasMore: full || upper < head };
    })();
  }

  private query(
    backwards: boolean,
    after: number,
    upTo: number | undefined,
    filter: EventFilter | undefined,
    limit: number,
  ): RecordedEvent[] {
    const prefixes = filter?.streamPrefixes ?? [];
    const types = filter?.eventTypes ?? [];
    const params: unknown[] = [after];
    if (upTo !== undefined) params.push(upTo);
    // substr over the prefix's length in characters (code points), like SQLite counts them.
    for (const prefix of prefixes) params.push([...prefix].length, prefix);
    params.push(...types, limit);
    const statement = this.allStatement(
      backwards,
      upTo !== undefined,
      prefixes.length,
      types.length,
    );
    return (statement.all(...params) as Row[]).map(toRecorded);
  }

  private allStatement(
    backwards: boolean,
    bounded: boolean,
    prefixes: number,
    types: number,
  ): Database.Statement {
    const key = `${backwards ? 'b' : 'f'}${bounded ? 'u' : ''}:${prefixes}:${types}`;
    let statement = this.allStatements.get(key);
    if (statement === undefined) {
      const where = [backwards ? 'position < ?' : 'position > ?'];
      if (bounded) where.push('position <= ?');
      if (prefixes > 0) {
        where.push(
          `(${Array.from({ length: prefixes }, () => 'substr(stream_id, 1, ?) = ?').join(' OR ')})`,
        );
      }
      if (types > 0) where.push(`type IN (${Array.from({ length: types }, () => '?').join(', ')})`);
      const sql = `SELECT ${COLUMNS} FROM events WHERE ${where.join(' AND ')} ORDER BY position ${backwards ? 'DESC' : 'ASC'} LIMIT ?`;
      statement = this.db.prepare(sql).raw(true);
      this.allStatements.set(key, statement);
    }
    return statement;
  }
}
