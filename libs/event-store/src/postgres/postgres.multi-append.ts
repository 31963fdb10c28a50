import type { Pool, PoolClient } from 'pg';
import {
  checkExpectedRevision,
  resolveIdempotentReplay,
  type StoredEventRef,
} from '../append-checks';
import { IdempotencyConflictError } from '../event-store.errors';
import type { AppendResult, StreamAppend } from '../event-store.port';
import {
  isPgError,
  jsonbRefusal,
  MAX_ATTEMPTS,
  type PreparedAppend,
  prepareAppend,
} from './postgres.append';
import {
  type CallRows,
  lockStreamsStatement,
  multiAppendStatement,
} from './postgres.multi-append-statement';
import { quoteIdent } from './postgres.schema';

/**
 * `appendToStreams` (MultiStreamAppender, D40) in ONE transaction on one pooled client:
 *
 * 1. Every append is validated and serialized first: a bad one rejects, nothing is sent.
 * 2. `BEGIN`, then every stream row of the call is locked in one statement, in sorted stream
 *    id order (a missing stream gets a placeholder row at revision -1, which means "no stream"
 *    to every reader and check). Sorted: two multi appends over the same streams take their
 *    locks in the same order. A single append locks one stream row, then the counter; a multi
 *    append locks its stream rows, then the counter: no cycle.
 * 3. The ids of the call are looked up in a NEW statement (READ COMMITTED: a fresh snapshot,
 *    so it sees everything committed by the writers we waited for), and each append is decided
 *    in order exactly as `appendToStream` decides (replay first, then the expected revision),
 *    against the revisions the earlier appends of the call left.
 * 4. One statement writes the call: bump the position counter by the new events (taken last,
 *    like the single append), move the stream rows, insert the events with consecutive
 *    positions in call order, one `pg_notify` (delivered at COMMIT), synchronous_commit on.
 * 5. `COMMIT`. The counter's row lock is held across the COMMIT round trip (one more than the
 *    single append's autocommit), which keeps positions visible in commit order.
 *
 * A refused append rolls back the transaction and rejects with its error. A call where every
 * append is a replay writes nothing and takes no counter lock. An id collision with a writer
 * that committed after our lookup (23505), or a deadlock (40P01, not expected given the lock
 * order), rolls back and retries the whole call a bounded number of times.
 */
export async function appendToStreams(
  pool: Pool,
  schema: string,
  channel: string,
  appends: readonly StreamAppend[],
): Promise<AppendResult[]> {
  const prepared = appends.map((a) => prepareAppend(a.streamId, a.events, a.options));
  if (prepared.length === 0) return [];
  const s = quoteIdent(schema);
  for (let attempt = 1; ; attempt++) {
    try {
      return await inTransaction(pool, (client) => writeCall(client, s, channel, prepared));
    } catch (error) {
      const collided = isPgError(error, '23505', 'events_id_key');
      if ((collided || isPgError(error, '40P01')) && attempt < MAX_ATTEMPTS) continue;
      if (collided) throw collision(prepared, error);
      throw jsonbRefusal(error, `Streams ${prepared.map((p) => p.streamId).join(', ')}`);
    }
  }
}

/** The id a unique violation names (`Key (id)=(...) already exists.`), with its append. */
function collision(prepared: readonly PreparedAppend[], error: unknown): IdempotencyConflictError {
  const detail = (error as { detail?: unknown }).detail;
  const id = typeof detail === 'string' ? /\(id\)=\(([^)]+)\)/.exec(detail)?.[1] : undefined;
  const owner = prepared.find((p) => p.ids.some((own) => own.toLowerCase() === id)) ?? prepared[0]!;
  return new IdempotencyConflictError(
    owner.streamId,
    id ?? owner.ids[0]!,
    'collides with concurrent appends',
  );
}

async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    // A client whose ROLLBACK fails is in an unknown state: the pool drops it instead.
    await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
    throw error;
  } finally {
    client.release(broken);
  }
}

async function writeCall(
  client: PoolClient,
  s: string,
  channel: string,
  prepared: readonly PreparedAppend[],
): Promise<AppendResult[]> {
  const streamIds = [...new Set(prepared.map((p) => p.streamId))].sort();
  const locked = await client.query<{ stream_id: string; revision: number }>(
    lockStreamsStatement(s, streamIds),
  );
  const revisions = new Map(locked.rows.map((row) => [row.stream_id, row.revision]));
  const allIds = prepared.flatMap((p) => p.ids);
  const stored = await client.query<StoredEventRef>(
    `SELECT id::text AS id, stream_id AS "streamId", revision::float8 AS revision,
            position::float8 AS position
     FROM ${s}.events WHERE id = ANY($1::uuid[])`,
    [allIds],
  );
  const plan = planCall(prepared, revisions, stored.rows);
  if (plan.rows.ids.length === 0) return plan.results; // all replays: nothing to write
  const written = await client.query<{ position: number }>(
    multiAppendStatement(s, [...plan.moved], plan.rows, channel),
  );
  const last = written.rows[0]!.position;
  const base = last - plan.rows.ids.length;
  // Positions of events written by this call were planned as -(1-based index in the call).
  return plan.results.map((r) => (r.position < 0 ? { ...r, position: base - r.position } : r));
}

/**
 * Decides each append in order, as `appendToStream` does: a replay (every id stored in this
 * stream, in order) answers with the stored result and `written: false`; otherwise the expected
 * revision must hold against the stream as the earlier appends left it. Events planned by
 * earlier appends of the call count as stored, with a negative pending position.
 *
 * @throws the refused append's error (WrongExpectedRevisionError, IdempotencyConflictError).
 */
function planCall(
  prepared: readonly PreparedAppend[],
  revisions: Map<string, number>,
  storedRows: readonly StoredEventRef[],
): { results: AppendResult[]; rows: CallRows; moved: Map<string, number> } {
  const known = new Map(storedRows.map((ref) => [ref.id.toLowerCase(), ref]));
  const rows: CallRows = {
    ids: [],
    streamIds: [],
    revisions: [],
    types: [],
    data: [],
    metadata: [],
  };
  const moved = new Map<string, number>();
  const results = prepared.map((append): AppendResult => {
    const { streamId, ids } = append;
    const refs = ids.flatMap((id) => known.get(id.toLowerCase()) ?? []);
    const replay = resolveIdempotentReplay(streamId, ids, refs);
    if (replay !== undefined) return replay;
    let revision = revisions.get(streamId) ?? -1;
    checkExpectedRevision(streamId, append.expected, revision);
    ids.forEach((id, i) => {
      revision += 1;
      rows.ids.push(id);
      rows.streamIds.push(streamId);
      rows.revisions.push(revision);
      rows.types.push(append.types[i]!);
      rows.data.push(append.data[i]!);
      rows.metadata.push(append.metadata[i]!);
      known.set(id.toLowerCase(), { id, streamId, revision, position: -rows.ids.length });
    });
    revisions.set(streamId, revision);
    moved.set(streamId, revision);
    return { nextExpectedRevision: revision, position: -rows.ids.length, written: true };
  });
  return { results, rows, moved };
}
