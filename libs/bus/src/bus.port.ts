/**
 * The Bus port: topics that carry public, versioned messages between contexts and to
 * analytics consumers.
 *
 * Adapters: Kafka (`kafkajs`, production) and in-process (embedded default). Both pass the ONE
 * contract suite in `libs/bus/test/contract`.
 *
 * Semantics (both adapters): a topic has a fixed number of partitions; a message's key picks its
 * partition, so messages with one key are consumed in publish order. Consumption is
 * at-least-once inside a consumer group: each partition belongs to one member of the group at a
 * time, and its offset is committed only after the handler resolved. Handlers must therefore be
 * idempotent.
 */

export type Headers = Readonly<Record<string, string>>;

export interface OutgoingMessage {
  readonly topic: string;
  /** Partitioning key: ordering holds per key. */
  readonly key: string;
  readonly value: string;
  readonly headers?: Headers;
}

export interface ConsumedMessage {
  readonly topic: string;
  readonly partition: number;
  /** Offset within the partition, as a decimal string (Kafka offsets are 64-bit). */
  readonly offset: string;
  readonly key: string;
  readonly value: string;
  readonly headers: Headers;
  /** When the broker accepted the message. */
  readonly timestamp: Date;
}

/**
 * Handles one message. Resolving commits the message's offset. Throwing (or rejecting) leaves
 * the offset uncommitted: the same message is redelivered (after a backoff) before any later
 * message of its partition.
 */
export type MessageHandler = (message: ConsumedMessage) => Promise<void>;

export interface ConsumeOptions {
  /** Consumer group: members of one group split the partitions between them. */
  readonly groupId: string;
  readonly topics: readonly string[];
  /**
   * Where a group with no committed offset starts: the earliest message (default) or only
   * messages published after the consumer joined.
   */
  readonly fromBeginning?: boolean;
}

export interface Consumer {
  /** Partitions currently assigned to this member, as `topic:partition`. */
  assignments(): string[];
  /**
   * Graceful stop: lets the running handler finish, commits its offset, leaves the group (its
   * partitions move to the remaining members).
   */
  stop(): Promise<void>;
}

export interface Bus {
  /**
   * Publishes a batch. Resolves once the broker has durably accepted every message (Kafka:
   * acks from all in-sync replicas). Messages for one key keep their order within a batch and
   * across awaited calls.
   */
  publish(messages: OutgoingMessage | readonly OutgoingMessage[]): Promise<void>;

  /** Joins a consumer group and starts delivering messages to `handler`. */
  consume(options: ConsumeOptions, handler: MessageHandler): Promise<Consumer>;

  /** Creates missing topics with the configured partition count. Idempotent. */
  ensureTopics(topics: readonly string[]): Promise<void>;

  /** Cheap round trip for health checks. */
  ping(): Promise<void>;

  /** Stops every consumer and the producer. */
  close(): Promise<void>;
}

/** DI token for the Bus port. */
export const BUS = Symbol('Bus');
