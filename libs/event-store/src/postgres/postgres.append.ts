import type { Pool, PoolClient } from 'pg';
import {
  IdempotencyConflictError,
  InvalidAppendError,
  WrongExpectedRevisionError,
} from '../event-store.errors';
import type { AppendResult, EventData, ExpectedRevision } from '../event-store.port';
import {
  expectationMet,
  replayedResult,
  type StoredId,
  toJsonText,
  validateBatch,
} from './postgres.append-checks';
import { quoteIdent } from './postgres.schema';

/** How many times an append starts over after losing an event-id race to another stream. */
const MAX_ATTEMPTS = 5;

/**
 * One append = one transaction:
 *
 * 1. Upsert-and-lock the stream's row in `streams` (`INSERT ... ON CONFLICT DO UPDATE ...
 *    RETURNING revision`). The row lock serializes every writer of this stream, in every
 *    process, until commit; `ON CONFLICT DO UPDATE` always returns the latest committed revision
 *    even under READ COMMITTED, and creates the row for a new stream in the same round trip.
 * 2. Check the expected revision. Only when it fails (or when an event id collided before) do we
 *    look the batch's ids up: a retried append after a lost reply usually carries a stale
 *    expected revision and must still succeed idempotently.
 * 3. Write: bump the single-row `global_position` counter, insert all events in one multi-row
 *    INSERT (unnest), move the stream's revision, and `pg_notify` — one statement.
 * 4. COMMIT (synchronous_commit is forced on for the pool, so this returns once the WAL is
 *    flushed: durable before resolve). The NOTIFY is delivered only on commit.
 *
 * Why the position counter is a locked row and not a sequence: with a plain sequence, T1 can
 * take position 10, T2 position 11, and T2 commit first. A catch-up reader at that moment sees
 * 11, checkpoints it, and never reads 10 (the classic sequence-gap problem). Updating the single
 * counter row takes its row lock, held until commit, so the next writer can only read the
 * counter after the previous one has committed (and become visible: PostgreSQL marks a
 * transaction visible before it releases its locks). Positions therefore become visible in
 * exactly the order they were assigned, and they are dense (a rollback undoes the bump). The
 * price is that commits of appends are serialized store-wide; the lock is taken as late as
 * possible (after the stream lock and all checks) and held for one statement plus the commit,
 * so it costs about one WAL flush per append. (NOTIFY already takes a database-wide lock at
 * commit, so notifying appends would serialize there anyway.) The xid8 / pg_snapshot_xmin
 * technique avoids the serialization but orders events by (transaction id, sequence), which
 * cannot be expressed as the single increasing `number` position the port promises.
 *
 * Lock order is always stream row → counter row, so appends cannot deadlock.
 */
export async function appendToStreamTx(
  pool: Pool,
  schema: string,
  channel: string,
  streamId: string,
  events: readonly EventData[],
  expected: ExpectedRevision,
): Promise<AppendResult> {
  validateBatch(streamId, events);
  const s = quoteIdent(schema);
  let lookUpIds = false;
  for (let attempt = 1; ; attempt++) {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      try {
        const outcome = await appendOnce(client, s, channel, streamId, events, expected, lookUpIds);
        await client.query(outcome.written ? 'COMMIT' : 'ROLLBACK');
        return outcome;
      } catch (error) {
        await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
        throw error;
      }
    } catch (error) {
      if (isUniqueViolation(error, 'events_id_key') && attempt < MAX_ATTEMPTS) {
        // Another transaction stored one of these ids first; start over and find out where.
        lookUpIds = true;
        continue;
      }
      if (isUniqueViolation(error, 'events_id_key')) {
        throw new IdempotencyConflictError(streamId, events[0].id, 'collides with a concurrent append');
      }
      if (isPgError(error, '22P05') || isPgError(error, '22021')) {
        throw new InvalidAppendError(`Stream ${streamId}: event data cannot be stored as JSONB`);
      }
      throw error;
    } finally {
      client.release(broken);
    }
  }
}

async function appendOnce(
  client: PoolClient,
  s: string,
  channel: string,
  streamId: string,
  events: readonly EventData[],
  expected: ExpectedRevision,
  lookUpIds: boolean,
): Promise<AppendResult> {
  const locked = await client.query<{ revision: string }>(
    `INSERT INTO ${s}.streams AS st (stream_id, revision) VALUES ($1, -1)
     ON CONFLICT (stream_id) DO UPDATE SET revision = st.revision
     RETURNING revision`,
    [streamId],
  );
  const current = Number(locked.rows[0].revision);
  const met = expectationMet(expected, current);
  if (!met || lookUpIds) {
    const stored = await client.query<StoredId>(
      `SELECT id, stream_id AS "streamId", revision::float8 AS revision, position::float8 AS position
       FROM ${s}.events WHERE id = ANY($1::text[])`,
      [events.map((event) => event.id)],
    );
    const replayed = replayedResult(streamId, events, stored.rows);
    if (replayed) return replayed;
  }
  if (!met) throw new WrongExpectedRevisionError(streamId, expected, current);

  const n = events.length;
  const written = await client.query<{ position: string }>(
    `WITH counter AS (
       UPDATE ${s}.global_position SET value = value + $2 RETURNING value
     ), inserted AS (
       INSERT INTO ${s}.events (position, id, stream_id, revision, type, data, metadata)
       SELECT counter.value - $2 + e.ord, e.id, $1, $3 + e.ord, e.type, e.data, e.metadata
       FROM counter,
            unnest($4::text[], $5::text[], $6::jsonb[], $7::jsonb[])
              WITH ORDINALITY AS e(id, type, data, metadata, ord)
     ), moved AS (
       UPDATE ${s}.streams SET revision = $3 + $2 WHERE stream_id = $1
     )
     SELECT value AS position, pg_notify($8, value::text) FROM counter`,
    [
      streamId,
      n,
      current,
      events.map((event) => event.id),
      events.map((event) => event.type),
      events.map((event) => toJsonText(streamId, event.data)),
      events.map((event) => toJsonText(streamId, event.metadata ?? {})),
      channel,
    ],
  );
  return {
    nextExpectedRevision: current + n,
    position: Number(written.rows[0].position),
    written: true,
  };
}

interface PgError {
  readonly code?: string;
  readonly constraint?: string;
}

function isPgError(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as PgError).code === code;
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  return isPgError(error, '23505') && (error as PgError).constraint === constraint;
}
