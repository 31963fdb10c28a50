import type { ConsumedMessage } from '@switchboard/bus';

/** How far a source has got, for a progress bar. */
export interface SourceProgress {
  /** Messages handed over so far. */
  readonly done: number;
  /** 0..1 when the source knows its size (Kafka: offsets; event store: positions). */
  readonly fraction?: number;
}

/**
 * Where a rebuild reads the public topics' history from: Kafka from offset 0, or (embedded
 * mode, where the in-process bus keeps nothing across processes) the event store's `$all`
 * mapped to topic messages as the relay maps them.
 */
export interface RebuildSource {
  /** For logs, e.g. `kafka (4 topics, 12 partitions, 1,204,332 messages)`. */
  describe(): string;
  /**
   * Whether the messages carry real bus offsets worth storing as positions (Kafka), so the live
   * projector resumes after them; the event-store source's offsets are synthetic.
   */
  readonly durableOffsets: boolean;
  /**
   * Hands every message, in per-partition order, to `handle` in batches, awaiting each; resolves
   * once the history noted at the start has been handed over.
   */
  run(
    handle: (batch: readonly ConsumedMessage[], progress: SourceProgress) => Promise<void>,
  ): Promise<void>;
  close(): Promise<void>;
}
