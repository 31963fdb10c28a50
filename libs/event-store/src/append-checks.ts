import {
  IdempotencyConflictError,
  InvalidAppendError,
  WrongExpectedRevisionError,
} from './event-store.errors';
import {
  ANY,
  NO_STREAM,
  STREAM_EXISTS,
  type AppendOptions,
  type AppendResult,
  type EventData,
  type ExpectedRevision,
} from './event-store.port';

/*
 * Append rules shared by every adapter, so the contract suite sees one behaviour whatever the
 * storage: what a valid append is, what an expected revision accepts, and when repeated ids are
 * an idempotent replay rather than a conflict.
 */

/**
 * Any UUID-shaped id (v4 from writers, SHA-1-derived ids from `deriveEventId`): 8-4-4-4-12 hex
 * digits, either case. EventStoreDB only accepts UUIDs, so the embedded stores refuse anything
 * else too. A loop over char codes, not a regular expression: every event's id goes through it
 * (5,000 in a routing burst) and the expression cost more than the rest of the check.
 */
export function isUuidShaped(id: string): boolean {
  if (id.length !== 36) return false;
  for (let i = 0; i < 36; i++) {
    const c = id.charCodeAt(i);
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (c !== 45) return false; // '-'
    } else if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70))) {
      return false; // not 0-9, a-f, A-F
    }
  }
  return true;
}

/**
 * Checks an append before it touches storage and returns its expected revision (default `any`).
 *
 * `$`-prefixed stream ids and event types are refused because EventStoreDB reserves them for
 * system streams and events, and an app that works on SQLite must not break on ESDB.
 *
 * @throws InvalidAppendError
 */
export function validateAppend(
  streamId: string,
  events: readonly EventData[],
  options: AppendOptions | undefined,
): ExpectedRevision {
  if (typeof streamId !== 'string' || streamId.length === 0) {
    throw new InvalidAppendError('The stream id must be a non-empty string');
  }
  if (streamId.startsWith('$')) {
    throw new InvalidAppendError(`Stream ${streamId}: ids starting with "$" are reserved`);
  }
  if (!Array.isArray(events) || events.length === 0) {
    throw new InvalidAppendError(`Stream ${streamId}: an append needs at least one event`);
  }
  // A one-event append (most of them) cannot repeat an id: no set to build.
  const seen = events.length > 1 ? new Set<string>() : undefined;
  for (const event of events as readonly EventData[]) {
    if (typeof event?.id !== 'string' || !isUuidShaped(event.id)) {
      throw new InvalidAppendError(
        `Stream ${streamId}: event id ${String(event?.id)} is not a UUID`,
      );
    }
    if (seen !== undefined) {
      const key = event.id.toLowerCase();
      if (seen.has(key)) {
        throw new InvalidAppendError(`Stream ${streamId}: event id ${event.id} appears twice`);
      }
      seen.add(key);
    }
    if (typeof event.type !== 'string' || event.type.length === 0 || event.type.startsWith('$')) {
      throw new InvalidAppendError(
        `Stream ${streamId}: event ${event.id} needs a type that does not start with "$"`,
      );
    }
  }
  const expected = options?.expectedRevision ?? ANY;
  const validExpected =
    expected === ANY ||
    expected === NO_STREAM ||
    expected === STREAM_EXISTS ||
    (typeof expected === 'number' && Number.isSafeInteger(expected) && expected >= 0);
  if (!validExpected) {
    throw new InvalidAppendError(
      `Stream ${streamId}: expected revision ${String(expected)} is not no_stream, stream_exists, any or a revision >= 0`,
    );
  }
  return expected;
}

/**
 * Serializes event data or metadata for storage.
 *
 * @throws InvalidAppendError when the value has no JSON form (undefined, BigInt, cycles).
 */
export function toJson(value: unknown, what: string): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch (error) {
    throw new InvalidAppendError(`${what} is not JSON-serializable: ${(error as Error).message}`);
  }
  if (json === undefined) throw new InvalidAppendError(`${what} is not JSON-serializable`);
  return json;
}

/** `toJson` for an event's data or metadata; the error names the stream and the event. */
export function eventJson(
  value: unknown,
  streamId: string,
  eventId: string,
  part: 'data' | 'metadata',
): string {
  // No label (or closure) built per event: one is needed only when serialising fails.
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    json = undefined;
  }
  return json ?? toJson(value, `Stream ${streamId}: ${part} of event ${eventId}`);
}

/** Whether a stream whose last revision is `actual` (-1: no stream) satisfies `expected`. */
export function revisionMatches(expected: ExpectedRevision, actual: number): boolean {
  switch (expected) {
    case ANY:
      return true;
    case NO_STREAM:
      return actual === -1;
    case STREAM_EXISTS:
      return actual >= 0;
    default:
      return actual === expected;
  }
}

/** @throws WrongExpectedRevisionError unless `revisionMatches(expected, actual)`. */
export function checkExpectedRevision(
  streamId: string,
  expected: ExpectedRevision,
  actual: number,
): void {
  if (!revisionMatches(expected, actual)) {
    throw new WrongExpectedRevisionError(streamId, expected, actual);
  }
}

/** Where an event id of the batch is already stored. */
export interface StoredEventRef {
  readonly id: string;
  readonly streamId: string;
  readonly revision: number;
  readonly position: number;
}

/**
 * Decides what an append means given the stored copies of its ids (in any order; ids not stored
 * are simply absent). Runs BEFORE the expected-revision check: a retried append after a lost
 * reply must succeed even though its expected revision is now stale.
 *
 * @returns `undefined` when no id is stored (a normal append); the original result with
 *   `written: false` when every id is stored in this stream, consecutively and in batch order.
 * @throws IdempotencyConflictError when only some ids are stored, an id lives in another
 *   stream, or the stored copies are not this batch in this order.
 */
export function resolveIdempotentReplay(
  streamId: string,
  eventIds: readonly string[],
  stored: readonly StoredEventRef[],
): AppendResult | undefined {
  if (stored.length === 0) return undefined;
  const elsewhere = stored.find((ref) => ref.streamId !== streamId);
  if (elsewhere !== undefined) {
    throw new IdempotencyConflictError(
      streamId,
      elsewhere.id,
      `is already stored in stream ${elsewhere.streamId}`,
    );
  }
  const byId = new Map(stored.map((ref) => [ref.id.toLowerCase(), ref]));
  const refs = eventIds.map((id) => byId.get(id.toLowerCase()));
  const first = refs[0];
  refs.forEach((ref, index) => {
    if (ref === undefined) {
      const repeated = stored[0]!;
      throw new IdempotencyConflictError(
        streamId,
        repeated.id,
        'is already stored but other ids of the batch are not: a retry must repeat the whole batch',
      );
    }
    if (ref.revision !== first!.revision + index) {
      throw new IdempotencyConflictError(
        streamId,
        ref.id,
        'is already stored, but not as part of this batch in this order',
      );
    }
  });
  const last = refs[refs.length - 1]!;
  return { nextExpectedRevision: last.revision, position: last.position, written: false };
}
