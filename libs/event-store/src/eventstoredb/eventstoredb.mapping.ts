import {
  ANY as ESDB_ANY,
  NO_STREAM as ESDB_NO_STREAM,
  STREAM_EXISTS as ESDB_STREAM_EXISTS,
  eventTypeFilter,
  excludeSystemEvents,
  streamNameFilter,
  type AppendExpectedRevision,
  type CurrentRevision,
  type EventData as EsdbEventData,
  type Filter,
  type JSONType,
  type Position,
  type RecordedEvent as EsdbRecordedEvent,
} from '@eventstore/db-client';
import {
  ANY,
  NO_STREAM,
  STREAM_EXISTS,
  type EventData,
  type EventFilter,
  type EventMetadata,
  type ExpectedRevision,
  type RecordedEvent,
} from '../event-store.port';

/*
 * Translation between the port and @eventstore/db-client. Positions: the port's position is
 * the event's COMMIT position in the transaction log. Each event of a multi-event append has its
 * own, increasing commit position, and single appends have commit == prepare, so
 * `{commit: p, prepare: p}` names the same point when we hand a checkpoint back.
 */

/**
 * Metadata key carrying a random id per append call. EventStoreDB answers an append it
 * recognises as a retry with plain success, and the stored copy keeps the ORIGINAL call's id, so
 * comparing it with ours is how the adapter tells `written: false` from `written: true`.
 * Stripped on every read.
 */
export const APPEND_ID_KEY = 'switchboardAppendId';

/** The largest commit position ESDB uses to mean "unknown" (2^64 - 1 as a signed read). */
const NO_POSITION = 2n ** 63n - 1n;

export function toEsdbExpected(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case ANY:
      return ESDB_ANY;
    case NO_STREAM:
      return ESDB_NO_STREAM;
    case STREAM_EXISTS:
      return ESDB_STREAM_EXISTS;
    default:
      return BigInt(expected);
  }
}

/** The port's `actual`: the last revision, or -1 when the stream does not exist. */
export function toActual(current: CurrentRevision): number {
  return current === ESDB_NO_STREAM ? -1 : Number(current);
}

export function toEsdbPosition(position: number): Position {
  return { commit: BigInt(position), prepare: BigInt(position) };
}

export function toPortPosition(position: Position | undefined, eventId: string): number {
  if (position === undefined || position.commit >= NO_POSITION || position.commit < 0n) {
    // Servers before 22.6 send no position on stream reads; the port needs one everywhere.
    throw new Error(
      `EventStoreDB sent no log position for event ${eventId}: version 22.6 or later is required`,
    );
  }
  return Number(position.commit);
}

export function toEsdbEvent(event: EventData, appendId: string): EsdbEventData {
  return {
    id: event.id,
    contentType: 'application/json',
    type: event.type,
    // The client JSON-encodes any value; its type only names the usual shapes.
    data: event.data as JSONType,
    metadata: { ...event.metadata, [APPEND_ID_KEY]: appendId },
  };
}

/** Our events only: system streams and `$` event types (and links, which have no `event` of
 * their own without link resolution) are none of the port's business. */
export function isOurs(event: EsdbRecordedEvent | undefined): event is EsdbRecordedEvent {
  return event !== undefined && !event.type.startsWith('$') && !event.streamId.startsWith('$');
}

export function appendIdOf(event: EsdbRecordedEvent): unknown {
  const metadata = event.metadata;
  return isPlainObject(metadata) ? metadata[APPEND_ID_KEY] : undefined;
}

export function toRecorded(event: EsdbRecordedEvent): RecordedEvent {
  const id = event.id.toLowerCase();
  let metadata: EventMetadata = {};
  if (isPlainObject(event.metadata)) {
    const { [APPEND_ID_KEY]: _appendId, ...rest } = event.metadata;
    metadata = rest;
  }
  return {
    id,
    streamId: event.streamId,
    type: event.type,
    revision: Number(event.revision),
    position: toPortPosition(event.position, id),
    data: event.data as unknown,
    metadata,
    recordedAt: event.created,
  };
}

/**
 * The server-side part of a filter. ESDB filters on stream names OR event types, not both: with
 * both lists, the server narrows by stream prefix and `matchesFilter` applies the types. Without
 * a filter, system events are excluded on the server.
 */
export function toServerFilter(filter: EventFilter | undefined): Filter {
  const prefixes = filter?.streamPrefixes ?? [];
  const types = filter?.eventTypes ?? [];
  if (prefixes.length > 0) return streamNameFilter({ prefixes: [...prefixes] });
  if (types.length > 0) {
    return eventTypeFilter({ regex: `^(?:${types.map(escapeRegex).join('|')})$` });
  }
  return excludeSystemEvents();
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Uint8Array)
  );
}
