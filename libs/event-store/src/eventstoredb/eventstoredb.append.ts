import {
  BACKWARDS,
  END,
  WrongExpectedVersionError,
  type EventStoreDBClient,
} from '@eventstore/db-client';
import { randomUUID } from 'node:crypto';
import { resolveIdempotentReplay, type StoredEventRef } from '../append-checks';
import { WrongExpectedRevisionError } from '../event-store.errors';
import {
  ANY,
  STREAM_EXISTS,
  type AppendResult,
  type EventData,
  type ExpectedRevision,
} from '../event-store.port';
import { appendIdOf, toActual, toEsdbEvent, toEsdbExpected } from './eventstoredb.mapping';
import { collect } from './eventstoredb.reads';

/**
 * How many of a stream's latest events are searched for a retried batch. ESDB itself only
 * recognises a retry when the expected revision matches the original's, or (with `any`) while
 * the ids are in its bounded cache; a retry older than this window is not recognised either.
 */
const IDEMPOTENCY_WINDOW = 1000;

/**
 * The port's append on ESDB, with the port's idempotency on top of ESDB's own:
 * - `any` / `stream_exists`: ESDB dedups these only within its bounded id cache, so the stream's
 *   latest events are searched for the batch first (one extra read).
 * - exact / `no_stream`: ESDB recognises a retry with the original expected revision and
 *   answers success; our last event is read back and its append id (see APPEND_ID_KEY) says
 *   whether this call wrote it. A retry with a stale revision gets WrongExpectedVersion, and
 *   the stream is searched before that becomes WrongExpectedRevisionError.
 */
export async function appendIdempotently(
  client: EventStoreDBClient,
  streamId: string,
  events: readonly EventData[],
  expected: ExpectedRevision,
): Promise<AppendResult> {
  const ids = events.map((event) => event.id.toLowerCase());
  const weakGuarantee = expected === ANY || expected === STREAM_EXISTS;
  if (weakGuarantee) {
    const replay = await findReplay(client, streamId, ids);
    if (replay !== undefined) return replay;
  }
  const appendId = randomUUID();
  let nextRevision: number;
  try {
    const result = await client.appendToStream(
      streamId,
      events.map((event) => toEsdbEvent(event, appendId)),
      { expectedRevision: toEsdbExpected(expected) },
    );
    nextRevision = Number(result.nextExpectedRevision);
  } catch (error) {
    if (!(error instanceof WrongExpectedVersionError)) throw error;
    const replay = await findReplay(client, streamId, ids);
    if (replay !== undefined) return replay;
    throw new WrongExpectedRevisionError(streamId, expected, toActual(error.actualVersion));
  }
  // The read back also gives the last event's position (ESDB's append reply may lack one).
  const [last] = await collect(
    client.readStream(streamId, {
      direction: BACKWARDS,
      fromRevision: BigInt(nextRevision),
      maxCount: 1,
    }),
    1,
  );
  if (last !== undefined && (weakGuarantee || appendIdOf(last.record) === appendId)) {
    return { nextExpectedRevision: nextRevision, position: last.event.position, written: true };
  }
  const replay = await findReplay(client, streamId, ids);
  if (replay !== undefined) return replay;
  throw new Error(`EventStoreDB acknowledged an append to ${streamId} that is not in the stream`);
}

/** Where the batch's ids sit among the stream's latest events, judged by the shared rules. */
async function findReplay(
  client: EventStoreDBClient,
  streamId: string,
  ids: readonly string[],
): Promise<AppendResult | undefined> {
  const wanted = new Set(ids);
  const recent = await collect(
    client.readStream(streamId, {
      direction: BACKWARDS,
      fromRevision: END,
      maxCount: IDEMPOTENCY_WINDOW,
    }),
    ids.length,
    (event) => wanted.has(event.id),
  );
  const stored: StoredEventRef[] = recent.map((one) => one.event);
  return resolveIdempotentReplay(streamId, ids, stored);
}
