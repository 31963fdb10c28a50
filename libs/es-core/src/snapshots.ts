import { type EventStore, type RecordedEvent } from '@switchboard/event-store/event-store.port';
import { type Command, type Decider, type DomainEvent } from './decider';
import { deriveEventId } from './event-id';

/**
 * When and where a stream's folded state is kept as a snapshot, so that loading a long stream
 * reads the latest snapshot and the events after it instead of the whole history.
 *
 * Snapshots are an optimisation, never a source of truth: they live in their own stream of the
 * same store (`streamOf`), any load that folded at least `every` events past the last snapshot
 * writes a new one, and a snapshot that cannot be trusted is ignored (the stream is then folded
 * from the start): another `version`, malformed data, or a stream whose event at the snapshot's
 * revision is not the one the snapshot was taken after (the stream was deleted and recreated).
 * The state must survive JSON as it is (plain objects, arrays, strings, numbers, booleans, null).
 */
export interface SnapshotPolicy {
  /** The snapshot stream of a stream; must fall outside every prefix a subscriber reads. */
  readonly streamOf: (streamId: string) => string;
  /** A load that folded at least this many events past the last snapshot writes a new one. */
  readonly every: number;
  /**
   * The state's shape and fold: bump it whenever the state type or `evolve` changes, so that
   * snapshots taken by older code are ignored rather than trusted.
   */
  readonly version: number;
}

/** A stream's state and the revision of its last event (-1 for an empty stream). */
export interface LoadedStream<S> {
  readonly state: S;
  readonly revision: number;
}

export const SNAPSHOT_EVENT_TYPE = 'Snapshot';

interface StoredSnapshot {
  /** Revision of the last event folded into `state`. */
  readonly revision: number;
  /** Id of the event at `revision`: the proof that the stream still is the one snapshotted. */
  readonly eventId: string;
  readonly state: unknown;
}

/**
 * Reads a stream's state: without a policy, by folding every event; with one, from the latest
 * usable snapshot plus the events after it, writing a fresh snapshot when that tail was long.
 */
export async function loadStream<E extends DomainEvent, S>(
  store: EventStore,
  streamId: string,
  decider: Pick<Decider<Command, E, S>, 'evolve' | 'initialState'>,
  toDomainEvent: (recorded: RecordedEvent) => E,
  policy?: SnapshotPolicy,
): Promise<LoadedStream<S>> {
  const snapshot = policy === undefined ? undefined : await latestSnapshot(store, streamId, policy);
  // Read from the snapshot's own event (inclusive) to check it is still there.
  const read = await store.readStream(
    streamId,
    snapshot === undefined ? undefined : { fromRevision: snapshot.revision },
  );
  const trusted = snapshot !== undefined && read[0]?.id.toLowerCase() === snapshot.eventId;
  const tail = trusted ? read.slice(1) : snapshot === undefined ? read : undefined;
  const events = tail ?? (await store.readStream(streamId));
  let state = trusted ? (snapshot.state as S) : decider.initialState;
  let revision = trusted ? snapshot.revision : -1;
  for (const recorded of events) {
    state = decider.evolve(state, toDomainEvent(recorded));
    revision = recorded.revision;
  }
  const last = events.at(-1);
  if (policy !== undefined && last !== undefined && events.length >= policy.every) {
    await writeSnapshot(store, streamId, policy, { revision, eventId: last.id, state });
  }
  return { state, revision };
}

/** The latest snapshot of a stream this policy may use, if any. */
async function latestSnapshot(
  store: EventStore,
  streamId: string,
  policy: SnapshotPolicy,
): Promise<StoredSnapshot | undefined> {
  const [latest] = await store.readStream(policy.streamOf(streamId), {
    direction: 'backwards',
    fromRevision: 'end',
    maxCount: 1,
  });
  if (latest === undefined || latest.type !== SNAPSHOT_EVENT_TYPE) return undefined;
  if (latest.metadata.version !== policy.version) return undefined;
  const data = latest.data as Partial<StoredSnapshot> | null;
  const usable =
    typeof data === 'object' &&
    data !== null &&
    Number.isSafeInteger(data.revision) &&
    (data.revision as number) >= 0 &&
    typeof data.eventId === 'string' &&
    typeof data.state === 'object' &&
    data.state !== null;
  return usable ? (data as StoredSnapshot) : undefined;
}

/**
 * Appends a snapshot. Its id derives from (stream, version, revision), so two loads that
 * snapshot the same revision write it once. A failure is swallowed: the load has its state, and
 * the next long load tries again.
 */
async function writeSnapshot(
  store: EventStore,
  streamId: string,
  policy: SnapshotPolicy,
  snapshot: StoredSnapshot,
): Promise<void> {
  const data = { ...snapshot, eventId: snapshot.eventId.toLowerCase() };
  try {
    await store.appendToStream(policy.streamOf(streamId), [
      {
        id: deriveEventId(`snapshot/${streamId}/v${policy.version}`, snapshot.revision),
        type: SNAPSHOT_EVENT_TYPE,
        data,
        metadata: { version: policy.version },
      },
    ]);
  } catch {
    // An optimisation that failed (store busy or closing): nothing to undo, nothing lost.
  }
}
