import type { Pool } from 'pg';
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
const COLUMNS = `id, stream_id, type, revision::float8 AS revision, position::float8 AS position,
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
 * `(type, position)`). The two lists combine with AND, each list with OR.
 */
export async function readAllRows(
  pool: Pool,
  schema: string,
  options: ReadAllOptions = {},
): Promise<RecordedEvent[]> {
  const limit = limitOf(options.maxCount);
  if (limit === 0) return [];
  const params: unknown[] = [limit];
  const where: string[] = [];
  const backwards = options.direction === 'backwards';
  if (options.after !== undefined) {
    where.push(`position ${backwards ? '<' : '>'} $${params.push(options.after)}`);
  }
  where.push(...filterClauses(options.filter, params));
  const result = await pool.query<EventRow>(
    `SELECT ${COLUMNS} FROM ${quoteIdent(schema)}.events
     ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY position ${backwards ? 'DESC' : 'ASC'} LIMIT $1`,
    params,
  );
  return result.rows.map(toRecorded);
}

function filterClauses(filter: EventFilter | undefined, params: unknown[]): string[] {
  const clauses: string[] = [];
  const prefixes = filter?.streamPrefixes;
  if (prefixes !== undefined) {
    if (prefixes.length === 0) clauses.push('false');
    else {
      const likes = prefixes.map((prefix) => `stream_id LIKE $${params.push(`${escapeLike(prefix)}%`)}`);
      clauses.push(`(${likes.join(' OR ')})`);
    }
  }
  if (filter?.eventTypes !== undefined) {
    clauses.push(`type = ANY($${params.push([...filter.eventTypes])}::text[])`);
  }
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
