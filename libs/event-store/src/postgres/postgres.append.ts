import type { Pool } from 'pg';
import {
  resolveIdempotentReplay,
  revisionMatches,
  type StoredEventRef,
  toJson,
  validateAppend,
} from '../append-checks';
import {
  IdempotencyConflictError,
  InvalidAppendError,
  WrongExpectedRevisionError,
} from '../event-store.errors';
import type { AppendOptions, AppendResult, EventData, ExpectedRevision } from '../event-store.port';
import { appendStatement } from './postgres.append-statement';
import { quoteIdent } from './postgres.schema';

/** Attempts when the stream moved, or an id race was lost, between the write and its check. */
export const MAX_ATTEMPTS = 5;

/** One append, validated and serialized for the array parameters of the append statements. */
export interface PreparedAppend {
  readonly streamId: string;
  readonly expected: ExpectedRevision;
  readonly ids: string[];
  readonly types: string[];
  readonly data: string[];
  readonly metadata: string[];
}

/** @throws InvalidAppendError before anything touches the database. */
export function prepareAppend(
  streamId: string,
  events: readonly EventData[],
  options: AppendOptions | undefined,
): PreparedAppend {
  const expected = validateAppend(streamId, events, options);
  return {
    streamId,
    expected,
    ids: events.map((event) => event.id),
    types: events.map((event) => event.type),
    data: events.map((event) =>
      toJson(event.data, `Stream ${streamId}: data of event ${event.id}`),
    ),
    metadata: events.map((event) =>
      toJson(event.metadata ?? {}, `Stream ${streamId}: metadata of event ${event.id}`),
    ),
  };
}

/**
 * One append = ONE autocommit statement, one round trip (see `postgres.append-statement.ts`):
 * lock-and-move the stream row with the expected revision in its WHERE / ON CONFLICT clause,
 * bump the position counter, insert the batch, `pg_notify`. It writes nothing when the
 * expectation fails, and fails whole on a repeated event id (unique `events.id`).
 *
 * Only then, off the fast path, do we look the ids up: a retry after a lost reply carries a
 * stale expected revision (or repeats ids) and must succeed idempotently with the original
 * result. The statement forces synchronous_commit on, so it returns once the commit's WAL is
 * flushed: durable before resolve. NOTIFY is delivered on commit only.
 */
export async function appendToStream(
  pool: Pool,
  schema: string,
  channel: string,
  streamId: string,
  events: readonly EventData[],
  options: AppendOptions | undefined,
): Promise<AppendResult> {
  const { expected, ids, types, data, metadata } = prepareAppend(streamId, events, options);
  const s = quoteIdent(schema);
  const statement = appendStatement(s, expected, [
    streamId,
    events.length,
    ids,
    types,
    data,
    metadata,
    channel,
  ]);
  for (let attempt = 1; ; attempt++) {
    let collided = false;
    try {
      const result = await pool.query<{ previous: number; position: number }>(statement);
      if (result.rows.length === 1) {
        const { previous, position } = result.rows[0];
        return { nextExpectedRevision: previous + events.length, position, written: true };
      }
    } catch (error) {
      if (isPgError(error, '23505', 'events_id_key')) collided = true;
      else throw jsonbRefusal(error, `Stream ${streamId}`);
    }

    const { current, stored } = await rejectionFacts(pool, s, streamId, ids);
    const replayed = resolveIdempotentReplay(streamId, ids, stored);
    if (replayed) return replayed;
    if (collided) {
      // The colliding append rolled back after all; the ids are free again.
      if (attempt < MAX_ATTEMPTS) continue;
      throw new IdempotencyConflictError(streamId, ids[0], 'collides with concurrent appends');
    }
    // A stream can reach the expected revision after the write looked (e.g. `stream_exists`
    // while another writer creates it): then the rejection no longer holds, so write again.
    if (!revisionMatches(expected, current) || attempt >= MAX_ATTEMPTS) {
      throw new WrongExpectedRevisionError(streamId, expected, current);
    }
  }
}

/**
 * Why an append wrote nothing: where its ids are stored, and the stream's revision (-1: no
 * stream), read in one snapshot so the two agree.
 */
async function rejectionFacts(
  pool: Pool,
  s: string,
  streamId: string,
  ids: readonly string[],
): Promise<{ current: number; stored: StoredEventRef[] }> {
  const result = await pool.query<{ current: number; stored: StoredEventRef[] }>(
    `SELECT coalesce((SELECT revision FROM ${s}.streams WHERE stream_id = $1), -1)::float8
              AS current,
            coalesce(json_agg(json_build_object('id', id::text, 'streamId', stream_id,
              'revision', revision, 'position', position)), '[]'::json) AS stored
     FROM ${s}.events WHERE id = ANY($2::uuid[])`,
    [streamId, ids],
  );
  return result.rows[0];
}

interface PgError {
  readonly code?: string;
  readonly constraint?: string;
}

export function isPgError(error: unknown, code: string, constraint?: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const pgError = error as PgError;
  return pgError.code === code && (constraint === undefined || pgError.constraint === constraint);
}

/** JSON that PostgreSQL's JSONB refuses (a \u0000, a lone surrogate) as InvalidAppendError. */
export function jsonbRefusal(error: unknown, where: string): unknown {
  if (isPgError(error, '22P05') || isPgError(error, '22021')) {
    return new InvalidAppendError(`${where}: event data cannot be stored as JSONB`);
  }
  return error;
}
