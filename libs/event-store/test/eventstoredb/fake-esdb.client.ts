import {
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AppendExpectedRevision,
  type AppendResult,
  type EventData,
  type Filter,
  type Position,
  type RecordedEvent,
} from '@eventstore/db-client';

/*
 * An in-memory stand-in for the parts of EventStoreDBClient the adapter uses, following the
 * server's documented behaviour: idempotent re-append when the expected revision matches the
 * original's, WrongExpectedVersion otherwise; non-dense commit positions; system events in
 * `$all`; StreamNotFound on reads of a missing stream; subscriptions that start AFTER their
 * position and apply one server-side filter. It cannot prove fidelity to a real server (the
 * gated suite does that); it lets the adapter's own logic run the contract here.
 */

type Stored = RecordedEvent & { position: Position };
type ReadOptions = {
  direction?: string;
  fromRevision?: 'start' | 'end' | bigint;
  fromPosition?: 'start' | 'end' | Position;
  maxCount?: number | bigint;
};

export class FakeEsdbClient {
  private readonly all: Stored[] = [];
  private readonly streams = new Map<string, Stored[]>();
  private readonly listeners = new Set<() => void>();
  private commit = 1000n;

  constructor() {
    this.store(
      '$stats-127.0.0.1:2113',
      '$statistics-collected',
      {},
      '00000000-0000-4000-8000-000000000000',
    );
  }

  async appendToStream(
    streamId: string,
    events: EventData[],
    options: { expectedRevision: AppendExpectedRevision },
  ): Promise<AppendResult> {
    await Promise.resolve();
    const stream = this.streams.get(streamId) ?? [];
    const current = stream.length - 1;
    const expected = options.expectedRevision;
    if (expected === 'no_stream' || typeof expected === 'bigint') {
      const from = expected === 'no_stream' ? 0 : Number(expected) + 1;
      const same = stream.slice(from, from + events.length);
      if (
        same.length === events.length &&
        same.every((e, n) => e.id === events[n]!.id.toLowerCase())
      ) {
        return {
          success: true,
          nextExpectedRevision: BigInt(from + events.length - 1),
          position: same.at(-1)!.position,
        };
      }
    }
    const ok =
      expected === 'any' ||
      (expected === 'no_stream'
        ? current === -1
        : expected === 'stream_exists'
          ? current >= 0
          : Number(expected) === current);
    if (!ok) {
      throw new WrongExpectedVersionError(undefined, {
        streamName: streamId,
        expected,
        current: current < 0 ? 'no_stream' : BigInt(current),
      });
    }
    let last: Stored | undefined;
    for (const event of events)
      last = this.store(streamId, event.type, event.data, event.id, event.metadata);
    for (const listener of this.listeners) listener();
    return { success: true, nextExpectedRevision: last!.revision, position: last!.position };
  }

  readStream(streamId: string, options: ReadOptions = {}): FakeRead {
    const stream = this.streams.get(streamId);
    const max = Number(options.maxCount ?? Number.MAX_SAFE_INTEGER);
    if (stream === undefined) return new FakeRead([], new StreamNotFoundError(undefined, streamId));
    const from = options.fromRevision ?? 'start';
    if (options.direction === 'backwards') {
      const top = from === 'end' ? stream.length - 1 : from === 'start' ? 0 : Number(from);
      return new FakeRead(
        stream
          .slice(0, top + 1)
          .reverse()
          .slice(0, max),
      );
    }
    const start = from === 'start' ? 0 : from === 'end' ? stream.length : Number(from);
    return new FakeRead(stream.slice(start, start + max));
  }

  readAll(options: ReadOptions = {}): FakeRead {
    const max = Number(options.maxCount ?? Number.MAX_SAFE_INTEGER);
    const from = options.fromPosition ?? 'start';
    if (options.direction === 'backwards') {
      const before = this.all.filter((e) =>
        from === 'end' || from === 'start' ? from === 'end' : e.position.commit < from.commit,
      );
      return new FakeRead(before.reverse().slice(0, max));
    }
    const after = this.all.filter(
      (e) => from === 'start' || (from !== 'end' && e.position.commit >= from.commit),
    );
    return new FakeRead(after.slice(0, max));
  }

  subscribeToAll(options: {
    fromPosition?: 'start' | Position;
    filter?: Filter;
  }): FakeSubscription {
    const start = options.fromPosition ?? 'start';
    let next = start === 'start' ? 0 : this.all.findIndex((e) => e.position.commit > start.commit);
    if (next < 0) next = this.all.length;
    const passes = (e: Stored): boolean => serverFilter(e, options.filter);
    return new FakeSubscription(this.all, next, passes, this.listeners);
  }

  async dispose(): Promise<void> {}

  private store(
    streamId: string,
    type: string,
    data: unknown,
    id: string,
    metadata?: unknown,
  ): Stored {
    const stream = this.streams.get(streamId) ?? [];
    this.streams.set(streamId, stream);
    this.commit += 137n; // positions are byte offsets: increasing, not dense
    const event = {
      streamId,
      id: id.toLowerCase(),
      type,
      isJson: true,
      revision: BigInt(stream.length),
      created: new Date(),
      data: JSON.parse(JSON.stringify(data)),
      metadata: metadata === undefined ? undefined : JSON.parse(JSON.stringify(metadata)),
      position: { commit: this.commit, prepare: this.commit },
    } as Stored;
    stream.push(event);
    this.all.push(event);
    return event;
  }
}

function serverFilter(event: Stored, filter: Filter | undefined): boolean {
  if (filter === undefined) return true;
  const subject = filter.filterOn === 'streamName' ? event.streamId : event.type;
  if ('prefixes' in filter) return filter.prefixes.some((p) => subject.startsWith(p));
  return new RegExp(filter.regex).test(subject);
}

class FakeRead {
  constructor(
    private readonly events: Stored[],
    private readonly error?: Error,
  ) {}
  async cancel(): Promise<void> {}
  async *[Symbol.asyncIterator](): AsyncIterator<{ event: Stored; commitPosition: bigint }> {
    await Promise.resolve();
    if (this.error !== undefined) throw this.error;
    for (const event of this.events) yield { event, commitPosition: event.position.commit };
  }
}

class FakeSubscription {
  private stopped = false;
  private wake: (() => void) | undefined;
  private readonly onAppend = (): void => this.wake?.();

  constructor(
    private readonly all: Stored[],
    private next: number,
    private readonly passes: (e: Stored) => boolean,
    private readonly listeners: Set<() => void>,
  ) {
    listeners.add(this.onAppend);
  }

  async unsubscribe(): Promise<void> {
    this.stopped = true;
    this.listeners.delete(this.onAppend);
    this.wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<{ event: Stored }> {
    while (!this.stopped) {
      if (this.next < this.all.length) {
        const event = this.all[this.next++]!;
        if (this.passes(event)) yield { event };
        continue;
      }
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = undefined;
    }
  }
}
