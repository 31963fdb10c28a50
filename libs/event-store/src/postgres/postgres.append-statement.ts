import type { QueryConfig } from 'pg';
import { ANY, type ExpectedRevision, NO_STREAM, STREAM_EXISTS } from '../event-store.port';

/** `[streamId, count, ids, types, dataJson, metadataJson, channel]` */
export type AppendParams = [string, number, string[], string[], string[], string[], string];

/**
 * The whole append as one statement, run in autocommit mode.
 *
 * `stream` locks the stream's row and moves its revision by the batch size, but only if the
 * expected revision holds. The condition sits in the row-locking statement itself, so under
 * READ COMMITTED PostgreSQL re-checks it against the latest committed row after waiting for a
 * concurrent writer of the same stream (EvalPlanQual); `ON CONFLICT` waits for a concurrent
 * creator. Writers of one stream, in any process, thus serialize on that row, and `any`
 * appends under contention still get dense revisions. When the condition fails `stream` is
 * empty and nothing else in the statement writes.
 *
 * `set_config(..., true)` is `SET LOCAL synchronous_commit = on` for this append's implicit
 * transaction: the commit waits for the WAL flush (durable before resolve) even if the server,
 * database, role or connection string turned it off.
 *
 * `counter` is the single-row global position counter; `events` is inserted in one multi-row
 * INSERT from arrays. Lock order is always stream row → counter row: no deadlocks. (A multi
 * append takes all its stream rows in sorted order, then the counter: `postgres.multi-append.ts`.)
 *
 * Why positions come from a locked counter row and not a sequence: with a sequence, T1 can take
 * position 10, T2 position 11, and T2 commit first; a catch-up reader then sees 11, checkpoints
 * it, and never reads 10 (the classic sequence-gap problem). The counter's row lock is held
 * until commit, so the next writer reads the counter only after the previous writer has
 * committed and become visible (PostgreSQL marks a transaction visible before it releases its
 * locks). Positions therefore become visible exactly in the order they were assigned; as a
 * bonus they are dense (an aborted append rolls its bump back). The price is that append
 * commits are serialized store-wide — about one WAL flush each. The lock is taken last and the
 * append is one statement, so it is held for the statement's execution plus the flush and never
 * across a network round trip. NOTIFY in a transaction takes a database-wide lock at commit
 * anyway, so notifying appends would serialize there regardless. The xid8 /
 * pg_snapshot_xmin technique avoids serializing but orders events by (transaction id,
 * sequence), which is not the single increasing number the port promises as a position.
 */
export function appendStatement(
  s: string,
  expected: ExpectedRevision,
  params: AppendParams,
): QueryConfig {
  const [stream, extra] = streamCte(s, expected);
  return {
    text: `WITH stream AS (${stream}),
      counter AS (
        UPDATE ${s}.global_position SET value = value + $2::int
        WHERE EXISTS (SELECT 1 FROM stream)
        RETURNING value
      ),
      inserted AS (
        INSERT INTO ${s}.events (position, id, stream_id, revision, type, data, metadata)
        SELECT counter.value - $2::int + e.ord, e.id, $1::text, stream.previous + e.ord,
               e.type, e.data, e.metadata
        FROM stream, counter,
             unnest($3::uuid[], $4::text[], $5::jsonb[], $6::jsonb[])
               WITH ORDINALITY AS e(id, type, data, metadata, ord)
      )
      SELECT stream.previous::float8 AS previous, counter.value::float8 AS position,
             pg_notify($7::text, counter.value::text) AS notified,
             set_config('synchronous_commit', 'on', true) AS durable
      FROM stream, counter`,
    values: extra === undefined ? params : [...params, extra],
  };
}

/** The row-locking statement for each kind of expectation; `previous` is the old revision. */
function streamCte(s: string, expected: ExpectedRevision): [string, number?] {
  const moved = 'RETURNING revision - $2::int AS previous';
  switch (expected) {
    case ANY:
      return [
        `INSERT INTO ${s}.streams AS st (stream_id, revision) VALUES ($1::text, $2::int - 1)
         ON CONFLICT (stream_id) DO UPDATE SET revision = st.revision + $2::int ${moved}`,
      ];
    case NO_STREAM:
      return [
        `INSERT INTO ${s}.streams (stream_id, revision) VALUES ($1::text, $2::int - 1)
         ON CONFLICT (stream_id) DO NOTHING ${moved}`,
      ];
    case STREAM_EXISTS:
      return [
        `UPDATE ${s}.streams SET revision = revision + $2::int WHERE stream_id = $1::text ${moved}`,
      ];
    default:
      return [
        `UPDATE ${s}.streams SET revision = revision + $2::int
         WHERE stream_id = $1::text AND revision = $8::bigint ${moved}`,
        expected,
      ];
  }
}
