import type { Bus, ConsumeOptions, Consumer, MessageHandler, OutgoingMessage } from '../bus.port';
import { type BusLogger, consoleBusLogger } from '../bus.logger';
import { partitionForKey } from '../murmur2.partitioner';
import { DEFAULT_REDELIVERY, type RedeliveryPolicy } from '../redelivery.policy';
import { asList, validateConsumeOptions, validateMessage } from '../bus.validation';
import { InMemoryConsumerGroup } from './in-memory.consumer-group';
import { PartitionLog } from './partition.log';

export interface InMemoryBusOptions {
  /** Partitions per topic (default 3), as `KafkaBus` creates them. */
  readonly partitions?: number;
  /** First redelivery delay after a handler failure; doubles per failure (default 200 ms). */
  readonly redeliveryBackoffMs?: number;
  /** Ceiling of the redelivery delay (default 30 s). */
  readonly maxRedeliveryBackoffMs?: number;
  /**
   * Messages kept per partition once every group has handled them, so a new group reading
   * from the beginning still finds recent history (default 10 000).
   */
  readonly retainPerPartition?: number;
  /**
   * Hard ceiling per partition (default 100 000): beyond it the oldest messages are dropped
   * even if a group has not handled them yet (logged as an error), as Kafka's retention would.
   */
  readonly maxPerPartition?: number;
  readonly logger?: BusLogger;
}

/**
 * The embedded Bus: Kafka's semantics in one process. Topics have a fixed number of
 * partitions, a key's murmur2 hash picks its partition (as Kafka's default partitioner does),
 * consumer groups split partitions between members, offsets are committed after the handler
 * resolved, and a failed message is redelivered before anything after it in its partition.
 *
 * NOT persistent: the log and the committed offsets live in memory and are gone when the
 * process exits. Memory is bounded by `retainPerPartition` / `maxPerPartition`.
 */
export class InMemoryBus implements Bus {
  private readonly topics = new Map<string, PartitionLog[]>();
  private readonly groups = new Map<string, InMemoryConsumerGroup>();
  private readonly partitions: number;
  private readonly retain: number;
  private readonly max: number;
  private readonly redelivery: RedeliveryPolicy;
  private readonly logger: BusLogger;
  private closed = false;

  constructor(options: InMemoryBusOptions = {}) {
    this.partitions = positive(options.partitions ?? 3, 'partitions');
    this.retain = positive(options.retainPerPartition ?? 10_000, 'retainPerPartition');
    this.max = Math.max(
      this.retain,
      positive(options.maxPerPartition ?? 100_000, 'maxPerPartition'),
    );
    this.redelivery = {
      baseMs: options.redeliveryBackoffMs ?? DEFAULT_REDELIVERY.baseMs,
      maxMs: options.maxRedeliveryBackoffMs ?? DEFAULT_REDELIVERY.maxMs,
    };
    this.logger = options.logger ?? consoleBusLogger;
  }

  publish(messages: OutgoingMessage | readonly OutgoingMessage[]): Promise<void> {
    try {
      this.assertOpen();
      const list = asList(messages);
      list.forEach(validateMessage);
      const touched = new Set<PartitionLog>();
      const timestamp = new Date();
      for (const message of list) {
        const logs = this.topic(message.topic);
        const log = logs[partitionForKey(message.key, logs.length)];
        // Copies: a caller mutating its objects after publish must not rewrite history.
        const headers = Object.freeze({ ...(message.headers ?? {}) });
        log.append({ key: message.key, value: message.value, headers, timestamp });
        touched.add(log);
      }
      for (const log of touched) this.trim(log);
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(error);
    }
  }

  async consume(options: ConsumeOptions, handler: MessageHandler): Promise<Consumer> {
    this.assertOpen();
    validateConsumeOptions(options);
    for (const topic of options.topics) this.topic(topic);
    let group = this.groups.get(options.groupId);
    if (group === undefined) {
      group = new InMemoryConsumerGroup(options.groupId, {
        partitionsOf: (topic) => this.topic(topic),
        redelivery: this.redelivery,
        logger: this.logger,
      });
      this.groups.set(options.groupId, group);
    }
    const consumer = await group.join({
      topics: [...options.topics],
      fromBeginning: options.fromBeginning ?? true,
      handler,
    });
    if (this.closed) {
      // close() ran while this member was joining: it must not outlive the bus.
      await consumer.stop();
      throw new Error('in-memory bus is closed');
    }
    return consumer;
  }

  async ensureTopics(topics: readonly string[]): Promise<void> {
    this.assertOpen();
    for (const topic of topics) this.topic(topic);
  }

  async ping(): Promise<void> {
    this.assertOpen();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.groups.values()].map((group) => group.leaveAll()));
  }

  /** The topic's partitions, created on first use as a broker with auto-creation would. */
  private topic(name: string): PartitionLog[] {
    let logs = this.topics.get(name);
    if (logs === undefined) {
      logs = Array.from(
        { length: this.partitions },
        (_, partition) => new PartitionLog(name, partition),
      );
      this.topics.set(name, logs);
    }
    return logs;
  }

  private trim(log: PartitionLog): void {
    // Trim in steps of a tenth of the retention, not per message: each trim copies the array.
    if (log.size <= this.retain + Math.ceil(this.retain / 10)) return;
    const { topic, partition } = log;
    const committed = [...this.groups.values()]
      .map((group) => group.committedOffset(topic, partition))
      .filter((offset): offset is number => offset !== undefined);
    let trimTo = Math.min(log.endOffset - this.retain, ...committed);
    const hardFloor = log.endOffset - this.max;
    if (trimTo < hardFloor) trimTo = hardFloor;
    log.trimBefore(trimTo);
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('in-memory bus is closed');
  }
}

function positive(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1)
    throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
}
