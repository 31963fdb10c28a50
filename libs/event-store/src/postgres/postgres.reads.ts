import type { Pool } from 'pg';
import type { CatchUpPage } from '../catch-up.subscription';
import type {
  EventFilter,
  EventMetadata,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
} from '../event-store.port';
import { quoteIdent } from './postgres.schema';

interface EventRow {
  readonly id: string;
  readonly stream_id: string;
  readonly type: string;
  readonly revision: number;
  readonly position: number;
  readonly data: unknown;
  readonly metadata: EventMetadata;
  readonly recorded_at: Date;
}

// float8 casts: node-pg returns bigint as a string; positions and revisions stay below 2^53.
const COLUMNS = `id::text AS id, stream_id, type, revision::float8 AS revision, position::float8 AS position,
  data, metadata, recorded_at`;

/** Reads one stream by its `(stream_id, revision)` unique index. */
export async function readStreamRows(
  pool: Pool,
  schema: string,
  streamId: string,
  options: ReadStreamOptions = {},
): Promise<RecordedEvent[]> {
  const limit = limitOf(options.maxCount);
  if (limit === 0) return [];
  const s = quoteIdent(schema);
  const from = options.fromRevision;
  const params: unknown[] = [streamId, limit];
  let bound: string;
  if (options.direction === 'backwards') {
    if (from === undefined || from === 'end') bound = 'true';
    else bound = `revision <= $${params.push(from === 'start' ? 0 : from)}`;
  } else if (from === 'end') {
    bound = `revision >= (SELECT revision FROM ${s}.streams WHERE stream_id = $1)`;
  } else {
    bound = `revision >= $${params.push(from === undefined || from === 'start' ? 0 : from)}`;
  }
  const order = options.direction === 'backwards' ? 'DESC' : 'ASC';
  const result = await pool.query<EventRow>(
    `SELECT ${COLUMNS} FROM ${s}.events WHERE stream_id = $1 AND ${bound}
     ORDER BY revision ${order} LIMIT $2`,
    params,
  );
  return result.rows.map(toRecorded);
}

/**
 * Reads `$all` by the position primary key. Filters: stream prefixes become `LIKE` clauses on
 * the "C"-collated `stream_id` (index-usable), event types `= ANY(...)` (index on
 * `(type, position)`). Semantics as `matchesFilter` in `event-filter.ts`: OR inside a list, AND
 * between the lists, an empty list does not restrict.
 */
export async function readAllRows(
  pool: Pool,
  schema: string,
  options: ReadAllOptions = {},
): Promise<RecordedEvent[]> {
  const limit = limitOf(options.maxCount);
  if (limit === 0) return [];
  const { sql, params } = allQuery(schema, options, limit);
  const result = await pool.query<EventRow>(sql, params);
  return result.rows.map(toRecorded);
}

/**
 * One page for the shared catch-up subscription. When the page comes back short, it also says
 * how far the scan went: the position counter as committed in the SAME snapshot. Since
 * positions become visible in commit order (see `postgres.append-statement.ts`), every event up to that
 * value is visible to the page's query, so a filtered subscription can move its checkpoint
 * there instead of rescanning the same unwanted events on every wake-up.
 */
export async function readCatchUpPage(
  pool: Pool,
  schema: string,
  after: number,
  maxCount: number,
  filter: EventFilter | undefined,
): Promise<CatchUpPage> {
  const { sql, params } = allQuery(schema, { after, filter }, maxCount);
  const result = await pool.query<EventRow & { scanned_to: number }>(
    `SELECT page.*, counter.value::float8 AS scanned_to
     FROM ${quoteIdent(schema)}.global_position AS counter
     LEFT JOIN LATERAL (${sql}) AS page ON true
     ORDER BY page.position`,
    params,
  );
  const rows = result.rows.filter((row) => row.id !== null);
  const scannedTo = rows.length < maxCount ? result.rows[0]?.scanned_to : undefined;
  return { events: rows.map(toRecorded), scannedTo };
}

function allQuery(
  schema: string,
  options: ReadAllOptions,
  limit: number | null,
): { sql: string; params: unknown[] } {
  const params: unknown[] = [limit];
  const where: string[] = [];
  const backwards = options.direction === 'backwards';
  if (options.after !== undefined) {
    where.push(`position ${backwards ? '<' : '>'} $${params.push(options.after)}`);
  }
  where.push(...filterClauses(options.filter, params));
  const sql = `SELECT ${COLUMNS} FROM ${quoteIdent(schema)}.events
     ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY position ${backwards ? 'DESC' : 'ASC'} LIMIT $1`;
  return { sql, params };
}

function filterClauses(filter: EventFilter | undefined, params: unknown[]): string[] {
  const clauses: string[] = [];
  const prefixes = filter?.streamPrefixes ?? [];
  if (prefixes.length > 0) {
    const likes = prefixes.map(
      (prefix) => `stream_id LIKE $${params.push(`${escapeLike(prefix)}%`)}`,
    );
    clauses.push(`(${likes.join(' OR ')})`);
  }
  const types = filter?.eventTypes ?? [];
  if (types.length > 0) clauses.push(`type = ANY($${params.push([...types])}::text[])`);
  return clauses;
}

/** Escapes LIKE wildcards so a prefix matches literally (backslash is the default escape). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/** `null` means no LIMIT; negative counts read nothing. */
function limitOf(maxCount: number | undefined): number | null {
  if (maxCount === undefined || maxCount === Infinity) return null;
  return Math.max(0, Math.floor(maxCount));
}

function toRecorded(row: EventRow): RecordedEvent {
  return {
    id: row.id,
    streamId: row.stream_id,
    type: row.type,
    revision: row.revision,
    position: row.position,
    data: row.data,
    metadata: row.metadata,
    recordedAt: row.recorded_at,
  };
}
