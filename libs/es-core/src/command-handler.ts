import {
  type AppendResult,
  type EventData,
  type EventMetadata,
  type EventStore,
  type ExpectedRevision,
  NO_STREAM,
  type RecordedEvent,
} from '@switchboard/event-store/event-store.port';
import { WrongExpectedRevisionError } from '@switchboard/event-store/event-store.errors';
import { type Command, type Decider, type DomainEvent } from './decider';
import { ConcurrencyConflictError } from './domain-error';
import { deriveEventId } from './event-id';
import { loadStream, type SnapshotPolicy } from './snapshots';

export interface HandleCommandOptions<E extends DomainEvent> {
  /** Attempts in total, including the first. Default 5. */
  readonly maxAttempts?: number;
  /** Delay before retry `attempt` (1-based). Default: jittered 2^attempt ms. */
  readonly backoffMs?: (attempt: number) => number;
  /** Turns a stored event into the current domain event (upcasting). Default: as stored. */
  readonly toDomainEvent?: (recorded: RecordedEvent) => E;
  /** Load the state from the stream's latest snapshot and the events after it. */
  readonly snapshots?: SnapshotPolicy;
  /**
   * The stream is expected not to exist yet (its id was just minted): the first attempt
   * decides on the initial state and appends with NO_STREAM without reading. Anything else
   * (the stream exists, the decision refuses or changes nothing) reads and decides again, so
   * the answer is the one the read path gives.
   */
  readonly expectNew?: boolean;
}

export interface CommandResult<E extends DomainEvent, S> {
  /** The events this command produced (empty when it changed nothing). */
  readonly events: readonly E[];
  /** State after the events. */
  readonly state: S;
  /** Revision of the stream's last event, or -1 when the stream is still empty. */
  readonly revision: number;
}

/**
 * The one command path (STYLE rule 4): read the stream (from its latest snapshot when the
 * options give a policy), fold it, decide, append with the revision that was read; when
 * another writer got there first, start over, a bounded number of times. Domain errors from
 * `decide` propagate untouched.
 */
export async function handleCommand<C extends Command, E extends DomainEvent, S>(
  store: EventStore,
  streamId: string,
  decider: Decider<C, E, S>,
  command: C,
  options: HandleCommandOptions<E> = {},
): Promise<CommandResult<E, S>> {
  const maxAttempts = options.maxAttempts ?? 5;
  const toDomainEvent = options.toDomainEvent ?? defaultToDomainEvent<E>;
  let guessNew = options.expectNew === true;
  for (let attempt = 1; ; attempt++) {
    const guess = guessNew ? guessedNew(decider, command) : undefined;
    guessNew = false;
    const { state, revision } =
      guess ?? (await loadStream(store, streamId, decider, toDomainEvent, options.snapshots));
    const events = guess?.events ?? decider.decide(command, state);
    if (events.length === 0) return { events, state, revision };

    const expectedRevision: ExpectedRevision = revision === -1 ? NO_STREAM : revision;
    try {
      const data = toEventData(command, events);
      const result = await store.appendToStream(streamId, data, { expectedRevision });
      if (!result.written) return replayed(store, streamId, decider, data, result, toDomainEvent);
      const next = events.reduce((current, event) => decider.evolve(current, event), state);
      return { events, state: next, revision: result.nextExpectedRevision };
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      if (guess !== undefined) continue; // not new after all: read it, without a backoff
      if (attempt >= maxAttempts) throw new ConcurrencyConflictError(streamId, attempt);
      await sleep((options.backoffMs ?? defaultBackoff)(attempt));
    }
  }
}

/** The decision on an empty stream, or undefined when it refuses or changes nothing. */
function guessedNew<C extends Command, E extends DomainEvent, S>(
  decider: Decider<C, E, S>,
  command: C,
): { state: S; revision: number; events: readonly E[] } | undefined {
  try {
    const events = decider.decide(command, decider.initialState);
    return events.length === 0 ? undefined : { state: decider.initialState, revision: -1, events };
  } catch {
    return undefined;
  }
}

/**
 * A retried command (same command id, so the same event ids) whose events the store already
 * holds: answer with the events stored then and the state right after them, not with this
 * attempt's decision folded a second time over a history that already contains it.
 */
async function replayed<C extends Command, E extends DomainEvent, S>(
  store: EventStore,
  streamId: string,
  decider: Decider<C, E, S>,
  data: readonly EventData[],
  result: AppendResult,
  toDomainEvent: (recorded: RecordedEvent) => E,
): Promise<CommandResult<E, S>> {
  const ids = new Set(data.map((event) => event.id.toLowerCase()));
  const history = await store.readStream(streamId, { maxCount: result.nextExpectedRevision + 1 });
  const domainEvents = history.map((recorded) => toDomainEvent(recorded));
  return {
    events: domainEvents.filter((_, index) => ids.has(history[index].id.toLowerCase())),
    state: domainEvents.reduce(
      (state, event) => decider.evolve(state, event),
      decider.initialState,
    ),
    revision: result.nextExpectedRevision,
  };
}

/** Stored form: the schema version travels in the metadata, next to who and why. */
export function toEventData<E extends DomainEvent>(
  command: Command,
  events: readonly E[],
): EventData[] {
  const { commandId, correlationId, userId } = command.metadata;
  // One metadata object per run of events of the same version, so a store can serialise it once
  // (a drain's queue command has 2,000 events).
  let metadata: EventMetadata | undefined;
  return events.map((event, index) => {
    if (metadata?.version !== event.version) {
      metadata = {
        version: event.version,
        correlationId: correlationId ?? commandId,
        causationId: commandId,
        ...(userId === undefined ? {} : { userId }),
      };
    }
    return { id: deriveEventId(commandId, index), type: event.type, data: event.data, metadata };
  });
}

function defaultToDomainEvent<E extends DomainEvent>(recorded: RecordedEvent): E {
  const version = typeof recorded.metadata.version === 'number' ? recorded.metadata.version : 1;
  return { type: recorded.type, version, data: recorded.data } as E;
}

function defaultBackoff(attempt: number): number {
  // Jitter spreads competing writers apart; it is retry plumbing, not a domain decision.
  // eslint-disable-next-line no-restricted-properties
  return Math.random() * 2 ** attempt;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
