import { type AppendResult, type StreamAppend } from '@switchboard/event-store/event-store.port';
import { type Command, type Decider, type DomainEvent } from './decider';

/** A command decided on a writer's cache, to be appended by the caller (see `prepare`). */
export interface PreparedWrite<E extends DomainEvent, S> {
  /** For `appendToStreams`, at the cached revision; no events when the command changed nothing. */
  readonly append: StreamAppend;
  readonly events: readonly E[];
  /** The state after the events (folded when first read). */
  readonly state: S;
  /** The append was written: the cache moves on to `state`. */
  written(result: AppendResult): void;
  /** It was not: the cache is dropped, and the next write reads the stream. */
  failed(): void;
}

/** What a prepared write reports back to: the writer whose cache it was decided on. */
export interface PreparedCache<S> {
  appended(streamId: string, from: number, state: S, revision: number): void;
  forget(streamId: string): void;
}

/** `prepare`'s answer. The new state is folded when first asked for: usually once the append is
 * written, off the path to it (a drain prepares 1,000 of these on its way to one commit). */
export class Prepared<E extends DomainEvent, S> implements PreparedWrite<E, S> {
  private folded: S | undefined;

  constructor(
    private readonly writer: PreparedCache<S>,
    private readonly decider: Pick<Decider<Command, E, S>, 'evolve'>,
    readonly append: StreamAppend,
    readonly events: readonly E[],
    private readonly base: S,
    private readonly from: number,
  ) {}

  get state(): S {
    this.folded ??= this.events.reduce((s, e) => this.decider.evolve(s, e), this.base);
    return this.folded;
  }

  written(result: AppendResult): void {
    this.writer.appended(this.append.streamId, this.from, this.state, result.nextExpectedRevision);
  }

  failed(): void {
    this.writer.forget(this.append.streamId);
  }
}
