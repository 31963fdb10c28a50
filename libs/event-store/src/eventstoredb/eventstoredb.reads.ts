import {
  BACKWARDS,
  END,
  FORWARDS,
  START,
  StreamNotFoundError,
  type AllStreamResolvedEvent,
  type EventStoreDBClient,
  type RecordedEvent as EsdbRecordedEvent,
  type ResolvedEvent,
  type StreamingRead,
} from '@eventstore/db-client';
import { matchesFilter } from '../event-filter';
import type { ReadAllOptions, ReadStreamOptions, RecordedEvent } from '../event-store.port';
import { isOurs, toEsdbPosition, toRecorded } from './eventstoredb.mapping';

/** One event of a read: the port's view and the client's record (which still has our append id). */
export interface EsdbRead {
  readonly event: RecordedEvent;
  readonly record: EsdbRecordedEvent;
}

export async function readStreamEvents(
  client: EventStoreDBClient,
  streamId: string,
  options: ReadStreamOptions,
): Promise<RecordedEvent[]> {
  // The client sends the count as a uint64 string: Infinity or a fraction would not parse.
  const maxCount = Math.floor(Math.min(options.maxCount ?? Infinity, Number.MAX_SAFE_INTEGER));
  if (maxCount <= 0) return [];
  const from = options.fromRevision;
  let read: StreamingRead<ResolvedEvent>;
  if (options.direction === 'backwards') {
    const fromRevision =
      from === undefined || from === 'end' ? END : from === 'start' ? 0n : BigInt(from);
    read = client.readStream(streamId, { direction: BACKWARDS, fromRevision, maxCount });
  } else if (from === 'end') {
    // Forwards from `end` is the last event alone: `end` names the last event's revision.
    read = client.readStream(streamId, { direction: BACKWARDS, fromRevision: END, maxCount: 1 });
  } else {
    const fromRevision = from === undefined || from === 'start' ? START : BigInt(from);
    read = client.readStream(streamId, { direction: FORWARDS, fromRevision, maxCount });
  }
  return (await collect(read, maxCount)).map((one) => one.event);
}

export async function readAllEvents(
  client: EventStoreDBClient,
  options: ReadAllOptions,
): Promise<RecordedEvent[]> {
  const maxCount = options.maxCount ?? Number.MAX_SAFE_INTEGER;
  if (maxCount <= 0) return [];
  const backwards = options.direction === 'backwards';
  const after = options.after;
  const read = client.readAll({
    direction: backwards ? BACKWARDS : FORWARDS,
    fromPosition: after === undefined ? (backwards ? END : START) : toEsdbPosition(after),
  });
  // ESDB includes the event AT the position and has no server filter on reads: both here.
  const events = await collect(read, maxCount, (event) => {
    const beyond =
      after === undefined || (backwards ? event.position < after : event.position > after);
    return beyond && matchesFilter(event, options.filter);
  });
  return events.map((one) => one.event);
}

/** Drains a read, keeping our events that pass `keep`, up to `limit`; a missing stream is empty. */
export async function collect(
  read: StreamingRead<ResolvedEvent | AllStreamResolvedEvent>,
  limit: number,
  keep: (event: RecordedEvent) => boolean = () => true,
): Promise<EsdbRead[]> {
  const out: EsdbRead[] = [];
  let complete = false;
  try {
    for await (const resolved of read) {
      if (!isOurs(resolved.event)) continue;
      const event = toRecorded(resolved.event);
      if (!keep(event)) continue;
      out.push({ event, record: resolved.event });
      if (out.length >= limit) return out;
    }
    complete = true;
  } catch (error) {
    if (error instanceof StreamNotFoundError) return [];
    throw error;
  } finally {
    // Leaving early (limit reached, error) must end the gRPC call, not just our iterator.
    if (!complete) await read.cancel().catch(() => undefined);
  }
  return out;
}
