import {
  type EventData,
  type EventStore,
  NO_STREAM,
  type RecordedEvent,
} from '@switchboard/event-store/event-store.port';
import {
  IdempotencyConflictError,
  WrongExpectedRevisionError,
} from '@switchboard/event-store/event-store.errors';
import { handleCommand, type CommandResult, toEventData } from './command-handler';
import { type Command, type Decider, type DomainEvent } from './decider';
import { ConcurrencyConflictError } from './domain-error';
import { Prepared, type PreparedWrite } from './prepared-write';
import { type LoadedStream, loadStream, type SnapshotPolicy } from './snapshots';

export interface StreamWriterOptions<E extends DomainEvent> {
  /** Streams whose state stays cached (least recently used evicted first). Default 1000. */
  readonly maxCachedStreams?: number;
  /** Commands decided and appended together at most. Default 500. */
  readonly maxBatch?: number;
  /** Append attempts per batch when another process writes the stream. Default 5. */
  readonly maxAttempts?: number;
  /** Turns a stored event into the current domain event (upcasting). Default: as stored. */
  readonly toDomainEvent?: (recorded: RecordedEvent) => E;
  /** First load of a stream from its latest snapshot and the events after it. */
  readonly snapshots?: SnapshotPolicy;
}

export interface StreamWriteResult<E extends DomainEvent, S> extends CommandResult<E, S> {
  /** Global position of the append that carried this command's events; 0 when none. */
  readonly position: number;
}

interface Pending<C, E extends DomainEvent, S> {
  /** `undefined`: a read, answered with the state at its place in the queue. */
  readonly command: C | undefined;
  resolve(result: StreamWriteResult<E, S>): void;
  reject(error: unknown): void;
}

interface Entry<C, E extends DomainEvent, S> {
  loaded: boolean;
  state: S;
  /** Revision of the last event folded into `state`; -1 for an empty stream. */
  revision: number;
  readonly queue: Pending<C, E, S>[];
  running: boolean;
}

type Outcome<E, S> = { events: readonly E[]; state: S } | { error: unknown };

/**
 * One writer per stream inside this process, for hot streams such as a busy conversation.
 *
 * `handleCommand` re-reads the whole stream per command and retries on conflict, so N
 * concurrent commands on one stream cost O(N²) reads and mostly fail. Here commands for a
 * stream queue up; while one append is in flight the next ones wait; then every waiting
 * command is decided in order against the cached state and all their events go out in ONE
 * append with the cached revision. Each command gets its own result, or its own error
 * without failing the others. Another process writing the same stream shows up as a
 * WrongExpectedRevisionError: the writer reads only the tail after its cached revision,
 * decides the batch again, and retries a bounded number of times.
 *
 * The state and revision stay cached per stream (LRU, bounded), so the stream is read once;
 * after that a batch is appended at the cached revision without reading, and only a conflict
 * (another writer) or a refusal makes the writer read the tail.
 */
export class StreamWriter<C extends Command, E extends DomainEvent, S> {
  private readonly entries = new Map<string, Entry<C, E, S>>();
  private readonly maxCached: number;
  private readonly maxBatch: number;
  private readonly maxAttempts: number;
  private readonly toDomainEvent: (recorded: RecordedEvent) => E;
  private readonly snapshots: SnapshotPolicy | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly decider: Decider<C, E, S>,
    options: StreamWriterOptions<E> = {},
  ) {
    this.maxCached = Math.max(1, options.maxCachedStreams ?? 1000);
    this.maxBatch = Math.max(1, options.maxBatch ?? 500);
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 5);
    this.toDomainEvent = options.toDomainEvent ?? defaultToDomainEvent<E>;
    this.snapshots = options.snapshots;
  }

  /** Decides `command` against the stream's latest state and appends its events durably. */
  write(streamId: string, command: C): Promise<StreamWriteResult<E, S>> {
    const entry = this.entry(streamId);
    const done = new Promise<StreamWriteResult<E, S>>((resolve, reject) =>
      entry.queue.push({ command, resolve, reject }),
    );
    if (!entry.running) void this.drain(streamId, entry);
    return done;
  }

  /**
   * The stream's state after every write queued before this call (cached; only the tail is
   * read). For a caller that decides what to write from the state, like a process manager.
   */
  async read(streamId: string): Promise<StreamWriteResult<E, S>> {
    const entry = this.entry(streamId);
    const done = new Promise<StreamWriteResult<E, S>>((resolve, reject) =>
      entry.queue.push({ command: undefined, resolve, reject }),
    );
    if (!entry.running) void this.drain(streamId, entry);
    return done;
  }

  /**
   * Tells the writer a stream's state at `revision` when the caller already knows it (say, a
   * subscription just delivered the stream's first event), so the first write needs no read.
   * Ignored when the stream is cached already. A wrong guess costs nothing but a conflict: the
   * first append then fails on its expected revision and the writer reads the tail after
   * `revision`, so `state` must be the fold of exactly the events 0..revision.
   */
  prime(streamId: string, state: S, revision: number): void {
    if (this.entries.get(streamId)?.loaded === true) return;
    const entry = this.entry(streamId);
    if (entry.running || entry.queue.length > 0) return;
    entry.state = state;
    entry.revision = revision;
    entry.loaded = true;
    this.evict();
  }

  /**
   * Decides `command` on the cached state without appending it, for a caller that appends
   * several streams in one transaction (`appendToStreams`) and reports back. Undefined when
   * the stream is not cached (the caller then writes the usual way); the decider's errors are
   * thrown as they are.
   */
  prepare(streamId: string, command: C): PreparedWrite<E, S> | undefined {
    const entry = this.entries.get(streamId);
    if (entry?.loaded !== true) return undefined;
    const { state, revision } = entry;
    const events = this.decider.decide(command, state);
    const expectedRevision = revision === -1 ? NO_STREAM : revision;
    const append = {
      streamId,
      events: toEventData(command, events),
      options: { expectedRevision },
    };
    return new Prepared(this, this.decider, append, events, state, revision);
  }

  /**
   * The cached state and revision of a stream (a consistent pair), or undefined when it is not
   * cached. For a caller that decides itself and appends through `appendToStreams` (several
   * streams at once), then reports back with `appended`. The pair may be about to be
   * overtaken by a write in flight; the caller's append at that revision then fails on its
   * expected revision, like any other conflict.
   */
  peek(streamId: string): { readonly state: S; readonly revision: number } | undefined {
    const entry = this.entries.get(streamId);
    return entry?.loaded === true ? { state: entry.state, revision: entry.revision } : undefined;
  }

  /**
   * The caller appended to the stream itself, on the state `peek` gave at revision `from`:
   * the cache moves to `state` at `revision` if it is still at `from`; otherwise it is dropped
   * and the next write reads the stream.
   */
  appended(streamId: string, from: number, state: S, revision: number): void {
    const entry = this.entries.get(streamId);
    if (entry === undefined) return;
    if (entry.loaded && entry.revision === from) {
      entry.state = state;
      entry.revision = revision;
    } else {
      entry.loaded = false;
    }
  }

  /** Drops a stream's cached state (say, an append of the caller's own failed): read it next. */
  forget(streamId: string): void {
    const entry = this.entries.get(streamId);
    if (entry !== undefined) entry.loaded = false;
  }

  /** Number of streams cached (for tests and metrics). */
  get cachedStreams(): number {
    return this.entries.size;
  }

  private entry(streamId: string): Entry<C, E, S> {
    let entry = this.entries.get(streamId);
    if (entry === undefined) {
      entry = {
        loaded: false,
        state: this.decider.initialState,
        revision: -1,
        queue: [],
        running: false,
      };
    } else {
      this.entries.delete(streamId); // re-inserted below: Map order is the LRU order
    }
    this.entries.set(streamId, entry);
    return entry;
  }

  private async drain(streamId: string, entry: Entry<C, E, S>): Promise<void> {
    entry.running = true;
    try {
      while (entry.queue.length > 0) {
        const batch = entry.queue.splice(0, this.maxBatch);
        await this.runBatch(streamId, entry, batch);
      }
    } finally {
      entry.running = false;
      this.evict();
    }
  }

  private async runBatch(streamId: string, entry: Entry<C, E, S>, batch: Pending<C, E, S>[]) {
    try {
      for (let attempt = 1; ; attempt++) {
        // Optimistic: with the state cached, decide and append without reading the tail first;
        // another writer shows up as a conflict and costs one tail read then. A successful
        // append at the cached revision proves every decision of the batch saw the current
        // state. Without an append nothing proves it, so a read, a refusal or a batch that
        // writes nothing always looks at the stream first (no stale answers).
        const guess = attempt === 1 && entry.loaded && batch.every((p) => p.command !== undefined);
        if (!guess) await this.catchUp(streamId, entry);
        let outcomes = this.decideAll(entry.state, batch);
        if (guess && outcomes.some((o) => 'error' in o || o.events.length === 0)) {
          await this.catchUp(streamId, entry);
          outcomes = this.decideAll(entry.state, batch);
        }
        const data: EventData[] = [];
        outcomes.forEach((o, i) => {
          const command = batch[i].command;
          if ('events' in o && command !== undefined) data.push(...toEventData(command, o.events));
        });
        if (data.length === 0) return this.settle(batch, outcomes, entry.revision, 0);
        try {
          const expectedRevision = entry.revision === -1 ? NO_STREAM : entry.revision;
          const result = await this.store.appendToStream(streamId, data, { expectedRevision });
          if (!result.written) throw new IdempotencyConflictError(streamId, data[0].id, 'replayed');
          const last = outcomes.findLast((o) => 'events' in o);
          if (last !== undefined && 'state' in last) entry.state = last.state;
          entry.revision = result.nextExpectedRevision;
          return this.settle(batch, outcomes, entry.revision - data.length, result.position);
        } catch (error) {
          if (error instanceof IdempotencyConflictError) {
            // A command retried with its old id (its events are stored already) rode in a batch:
            // answer each command on its own, the store's idempotency sorts out which is which.
            entry.loaded = false;
            return await this.oneByOne(streamId, batch);
          }
          if (!(error instanceof WrongExpectedRevisionError)) throw error;
          if (attempt >= this.maxAttempts) throw new ConcurrencyConflictError(streamId, attempt);
        }
      }
    } catch (error) {
      // The store failed: the cached state may be ahead of or behind what is stored.
      entry.loaded = false;
      for (const pending of batch) pending.reject(error);
    }
  }

  private decideAll(state: S, batch: readonly Pending<C, E, S>[]): Outcome<E, S>[] {
    let current = state;
    return batch.map(({ command }) => {
      if (command === undefined) return { events: [], state: current };
      try {
        const events = this.decider.decide(command, current);
        current = events.reduce((s, e) => this.decider.evolve(s, e), current);
        return { events, state: current };
      } catch (error) {
        return { error };
      }
    });
  }

  /** Answers each command; `base` is the revision before the batch's first event. */
  private settle(
    batch: readonly Pending<C, E, S>[],
    outcomes: readonly Outcome<E, S>[],
    base: number,
    position: number,
  ): void {
    let revision = base;
    outcomes.forEach((outcome, i) => {
      if ('error' in outcome) return batch[i].reject(outcome.error);
      revision += outcome.events.length;
      batch[i].resolve({
        events: outcome.events,
        state: outcome.state,
        revision,
        position: outcome.events.length === 0 ? 0 : position,
      });
    });
  }

  private async oneByOne(streamId: string, batch: readonly Pending<C, E, S>[]): Promise<void> {
    for (const { command, resolve, reject } of batch) {
      if (command === undefined) {
        resolve({ events: [], ...(await this.stateOf(streamId)), position: 0 });
        continue;
      }
      try {
        const result = await handleCommand(this.store, streamId, this.decider, command, {
          maxAttempts: this.maxAttempts,
          toDomainEvent: this.toDomainEvent,
          ...(this.snapshots === undefined ? {} : { snapshots: this.snapshots }),
        });
        resolve({ ...result, position: 0 });
      } catch (error) {
        reject(error);
      }
    }
  }

  private stateOf(streamId: string): Promise<LoadedStream<S>> {
    return loadStream(this.store, streamId, this.decider, this.toDomainEvent, this.snapshots);
  }

  /** Folds what was appended after the cached revision (first use: loads the stream). */
  private async catchUp(streamId: string, entry: Entry<C, E, S>): Promise<void> {
    if (!entry.loaded) {
      const { state, revision } = await this.stateOf(streamId);
      entry.state = state;
      entry.revision = revision;
      entry.loaded = true;
      return;
    }
    const tail = await this.store.readStream(streamId, { fromRevision: entry.revision + 1 });
    for (const recorded of tail) {
      entry.state = this.decider.evolve(entry.state, this.toDomainEvent(recorded));
      entry.revision = recorded.revision;
    }
    entry.loaded = true;
  }

  private evict(): void {
    for (const [streamId, entry] of this.entries) {
      if (this.entries.size <= this.maxCached) return;
      if (!entry.running && entry.queue.length === 0) this.entries.delete(streamId);
    }
  }
}

function defaultToDomainEvent<E extends DomainEvent>(recorded: RecordedEvent): E {
  const version = typeof recorded.metadata.version === 'number' ? recorded.metadata.version : 1;
  return { type: recorded.type, version, data: recorded.data } as E;
}
