/**
 * The EventStore port: the one way Switchboard writes and reads its event log.
 *
 * Adapters: SQLite (embedded default), PostgreSQL (shared store for several processes on one
 * machine), EventStoreDB (production). Every adapter passes the ONE contract suite in
 * `libs/event-store/test/contract`.
 *
 * Numbers: stream revisions start at 0 and are dense per stream. Global positions are
 * positive, strictly increasing in commit order, and comparable across the whole store; they
 * need not be dense. Both are plain `number`s (safe up to 2^53).
 */

/** Metadata stored with every event (STYLE: correlation, causation, actor). */
export interface EventMetadata {
  readonly correlationId?: string;
  readonly causationId?: string;
  readonly userId?: string;
  readonly [key: string]: unknown;
}

/** An event to append. `id` is a UUID chosen by the writer; it is the idempotency key. */
export interface EventData<Type extends string = string, Data = unknown> {
  readonly id: string;
  readonly type: Type;
  readonly data: Data;
  readonly metadata?: EventMetadata;
}

/** An event as stored. */
export interface RecordedEvent<Type extends string = string, Data = unknown> {
  readonly id: string;
  readonly streamId: string;
  readonly type: Type;
  /** 0-based, dense within the stream. */
  readonly revision: number;
  /** Global position in `$all`: strictly increasing in commit order. */
  readonly position: number;
  readonly data: Data;
  readonly metadata: EventMetadata;
  readonly recordedAt: Date;
}

/** The stream must not exist yet. */
export const NO_STREAM = 'no_stream' as const;
/** The stream must exist (hold at least one event). */
export const STREAM_EXISTS = 'stream_exists' as const;
/** No check. */
export const ANY = 'any' as const;

/**
 * What the writer believes about the stream: `no_stream`, `stream_exists`, `any`, or the exact
 * revision of the stream's last event.
 */
export type ExpectedRevision = typeof NO_STREAM | typeof STREAM_EXISTS | typeof ANY | number;

export interface AppendOptions {
  /** Default `any`. */
  readonly expectedRevision?: ExpectedRevision;
}

export interface AppendResult {
  /** Revision of the last event of this batch; pass it as the next expected revision. */
  readonly nextExpectedRevision: number;
  /** Global position of the last event of this batch. */
  readonly position: number;
  /** False when every event id was already in the stream (an idempotent re-append). */
  readonly written: boolean;
}

export type ReadDirection = 'forwards' | 'backwards';

export interface ReadStreamOptions {
  /** Default `forwards`. */
  readonly direction?: ReadDirection;
  /**
   * Inclusive revision to start from. Default: `start` (0) forwards, `end` (last event)
   * backwards.
   */
  readonly fromRevision?: number | 'start' | 'end';
  /** Default: no limit. */
  readonly maxCount?: number;
}

/** Which events a read of `$all` or a subscription delivers. Both lists are ORed inside. */
export interface EventFilter {
  /** Keep events whose stream id starts with one of these prefixes. */
  readonly streamPrefixes?: readonly string[];
  /** Keep events whose type is one of these. */
  readonly eventTypes?: readonly string[];
}

export interface ReadAllOptions {
  /** Default `forwards`. */
  readonly direction?: ReadDirection;
  /**
   * Exclusive checkpoint: forwards, events with a position strictly greater than this one;
   * backwards, strictly smaller. Default: the start (forwards) or the end (backwards).
   */
  readonly after?: number;
  readonly maxCount?: number;
  readonly filter?: EventFilter;
}

export interface SubscribeToAllOptions {
  /**
   * Exclusive checkpoint: the position of the last event the subscriber handled. The
   * subscription delivers every matching event after it, then switches to live events, without
   * gaps or duplicates. Default: from the start of `$all`.
   */
  readonly after?: number;
  readonly filter?: EventFilter;
}

/**
 * Called once per event, in position order. The subscription awaits it before delivering the
 * next event. If it throws, the subscription stops and `Subscription.done` rejects with the
 * error; the subscriber restarts from its own checkpoint.
 */
export type EventHandler = (event: RecordedEvent) => Promise<void> | void;

export interface Subscription {
  /** Stops delivery; resolves once the handler is no longer running. */
  stop(): Promise<void>;
  /** Settles when the subscription ends: resolves after `stop()`, rejects on failure. */
  readonly done: Promise<void>;
}

export interface EventStore {
  /**
   * Appends events to one stream atomically, after checking `expectedRevision`.
   *
   * Idempotent by event id: if every event id of the batch is already stored in this stream,
   * in the same order, the call succeeds, writes nothing and returns the original result with
   * `written: false` — whatever the expected revision says, so a retried append after a lost
   * reply succeeds. A batch that repeats only some ids fails with `IdempotencyConflictError`.
   *
   * Resolves only once the events are durable.
   *
   * @throws WrongExpectedRevisionError when the stream's revision does not match.
   * @throws IdempotencyConflictError when a batch partly repeats stored ids, or an id is
   *   already stored in another stream. (EventStoreDB and the SQLite store keep no global
   *   index of event ids, so their adapters cannot detect the cross-stream case; the contract
   *   suite declares that limit with `noCrossStreamIdCheck`. Writers derive ids from command
   *   ids, so the case means a bug, not a retry.)
   */
  appendToStream(
    streamId: string,
    events: readonly EventData[],
    options?: AppendOptions,
  ): Promise<AppendResult>;

  /** Reads one stream; a missing stream reads as an empty list. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;

  /** Reads `$all` in position order. */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;

  /**
   * Catch-up subscription to `$all`: delivers every matching event after the checkpoint, in
   * order, exactly once, then follows live appends.
   */
  subscribeToAll(options: SubscribeToAllOptions, handler: EventHandler): Subscription;

  /** Cheap round trip for health checks. */
  ping(): Promise<void>;

  /** Waits for in-flight appends, stops subscriptions, releases the connection or file. */
  close(): Promise<void>;
}

/** One stream's part of a multi-stream append. */
export interface StreamAppend {
  readonly streamId: string;
  readonly events: readonly EventData[];
  readonly options?: AppendOptions;
}

/**
 * An optional capability of an EventStore adapter: appends to several streams in ONE
 * transaction, all or nothing. Each append is checked exactly as `appendToStream` checks it
 * (expected revision, idempotency by event id), in order, so a later append sees the earlier
 * ones; if any is refused, none is written and the promise rejects with that append's error.
 * Resolves with one result per append, in order, once all are durable.
 *
 * For a writer whose decisions depend on each other across streams (a slot taken on an agent
 * stream and the assignment in the consultation stream): the expected revisions prove every
 * decision saw the current state, and no crash can leave half of them written.
 */
export interface MultiStreamAppender {
  appendToStreams(appends: readonly StreamAppend[]): Promise<AppendResult[]>;
}

/** Whether the adapter offers `appendToStreams` (SQLite and PostgreSQL do; EventStoreDB does not). */
export function canAppendToStreams(store: EventStore): store is EventStore & MultiStreamAppender {
  return typeof (store as Partial<MultiStreamAppender>).appendToStreams === 'function';
}

/** DI token for the EventStore port. */
export const EVENT_STORE = Symbol('EventStore');
