import type { QueryConfig } from 'pg';

/** The new events of a call, one array per column, in call order. */
export interface CallRows {
  readonly ids: string[];
  readonly streamIds: string[];
  readonly revisions: number[];
  readonly types: string[];
  readonly data: string[];
  readonly metadata: string[];
}

/**
 * Locks the row of every stream of a multi append, in the order given (sorted by the caller),
 * and returns each one's last revision. A stream without a row gets one at revision -1 ("no
 * stream" for every check and read; the transaction either writes events to it or rolls the
 * row back). `DO UPDATE` rather than `FOR UPDATE` so that creating and locking are one step in
 * one order; under READ COMMITTED it waits for a concurrent writer of the row and returns the
 * row as that writer committed it.
 */
export function lockStreamsStatement(s: string, sortedStreamIds: readonly string[]): QueryConfig {
  return {
    text: `INSERT INTO ${s}.streams AS st (stream_id, revision)
      SELECT u.stream_id, -1 FROM unnest($1::text[]) WITH ORDINALITY AS u(stream_id, ord)
      ORDER BY u.ord
      ON CONFLICT (stream_id) DO UPDATE SET revision = st.revision
      RETURNING stream_id, revision::float8 AS revision`,
    values: [sortedStreamIds],
  };
}

/**
 * Writes the decided multi append: the position counter bumped by the call's new events (the
 * last lock taken, as in `appendStatement`; the stream rows are already ours), the stream rows
 * moved to their new revisions, the events inserted with consecutive positions in call order,
 * one `pg_notify` for the whole transaction, and `synchronous_commit` on for its COMMIT.
 * Returns the position of the call's last event.
 */
export function multiAppendStatement(
  s: string,
  moved: readonly (readonly [string, number])[],
  rows: CallRows,
  channel: string,
): QueryConfig {
  return {
    text: `WITH counter AS (
        UPDATE ${s}.global_position SET value = value + $1::int RETURNING value
      ),
      moved AS (
        UPDATE ${s}.streams AS st SET revision = m.revision
        FROM unnest($2::text[], $3::bigint[]) AS m(stream_id, revision)
        WHERE st.stream_id = m.stream_id
      ),
      inserted AS (
        INSERT INTO ${s}.events (position, id, stream_id, revision, type, data, metadata)
        SELECT counter.value - $1::int + e.ord, e.id, e.stream_id, e.revision,
               e.type, e.data, e.metadata
        FROM counter,
             unnest($4::uuid[], $5::text[], $6::bigint[], $7::text[], $8::jsonb[], $9::jsonb[])
               WITH ORDINALITY AS e(id, stream_id, revision, type, data, metadata, ord)
      )
      SELECT counter.value::float8 AS position,
             pg_notify($10::text, counter.value::text) AS notified,
             set_config('synchronous_commit', 'on', true) AS durable
      FROM counter`,
    values: [
      rows.ids.length,
      moved.map(([streamId]) => streamId),
      moved.map(([, revision]) => revision),
      rows.ids,
      rows.streamIds,
      rows.revisions,
      rows.types,
      rows.data,
      rows.metadata,
      channel,
    ],
  };
}
