import { IdempotencyConflictError, InvalidAppendError } from '../event-store.errors';
import {
  ANY,
  type AppendResult,
  type EventData,
  type ExpectedRevision,
  NO_STREAM,
  STREAM_EXISTS,
} from '../event-store.port';

/** Where an event id of the batch is already stored. */
export interface StoredId {
  readonly id: string;
  readonly streamId: string;
  readonly revision: number;
  readonly position: number;
}

/** Rejects batches no adapter could store meaningfully. */
export function validateBatch(streamId: string, events: readonly EventData[]): void {
  if (typeof streamId !== 'string' || streamId.length === 0) {
    throw new InvalidAppendError('Stream id must be a non-empty string');
  }
  if (events.length === 0) throw new InvalidAppendError(`Stream ${streamId}: empty batch`);
  const seen = new Set<string>();
  for (const event of events) {
    if (typeof event.id !== 'string' || event.id.length === 0) {
      throw new InvalidAppendError(`Stream ${streamId}: every event needs a non-empty id`);
    }
    if (typeof event.type !== 'string' || event.type.length === 0) {
      throw new InvalidAppendError(`Stream ${streamId}: event ${event.id} needs a non-empty type`);
    }
    if (seen.has(event.id)) {
      throw new InvalidAppendError(`Stream ${streamId}: event id ${event.id} repeats in the batch`);
    }
    seen.add(event.id);
  }
}

/** `current` is the stream's last revision, -1 when it does not exist. */
export function expectationMet(expected: ExpectedRevision, current: number): boolean {
  switch (expected) {
    case ANY:
      return true;
    case NO_STREAM:
      return current === -1;
    case STREAM_EXISTS:
      return current >= 0;
    default:
      return expected === current;
  }
}

/**
 * Idempotency by event id (see the port): `undefined` when none of the ids is stored; the
 * original result when all of them are stored in this stream, consecutively, in batch order;
 * otherwise `IdempotencyConflictError`.
 */
export function replayedResult(
  streamId: string,
  events: readonly EventData[],
  stored: readonly StoredId[],
): AppendResult | undefined {
  if (stored.length === 0) return undefined;
  const byId = new Map(stored.map((row) => [row.id, row]));
  for (const row of stored) {
    if (row.streamId !== streamId) {
      throw new IdempotencyConflictError(streamId, row.id, `is already stored in stream ${row.streamId}`);
    }
  }
  const first = byId.get(events[0].id);
  for (const [index, event] of events.entries()) {
    const row = byId.get(event.id);
    if (!row) {
      const repeated = stored[0].id;
      throw new IdempotencyConflictError(streamId, repeated, 'is already stored, but the batch only partly repeats');
    }
    if (!first || row.revision !== first.revision + index) {
      throw new IdempotencyConflictError(streamId, event.id, 'is already stored in a different order');
    }
  }
  const last = byId.get(events[events.length - 1].id)!;
  return { nextExpectedRevision: last.revision, position: last.position, written: false };
}

/** JSON text for a JSONB column; values JSON cannot represent are the caller's error. */
export function toJsonText(streamId: string, value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'null';
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InvalidAppendError(`Stream ${streamId}: event data is not JSON (${reason})`);
  }
}
