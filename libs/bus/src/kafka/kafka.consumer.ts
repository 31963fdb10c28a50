import type { Consumer as KafkajsConsumer, EachBatchPayload, Kafka } from 'kafkajs';
import type { ConsumeOptions, Consumer, MessageHandler } from '../bus.port';
import { type BusLogger, errorMessage } from '../bus.logger';
import { type RedeliveryPolicy, redeliveryDelay } from '../redelivery.policy';
import { toConsumedMessage } from './kafka.messages';

export interface KafkaConsumerSettings {
  readonly sessionTimeoutMs: number;
  readonly heartbeatIntervalMs: number;
  readonly rebalanceTimeoutMs: number;
  readonly maxWaitTimeMs: number;
  readonly autoCommitIntervalMs: number;
  readonly partitionsConsumedConcurrently: number;
  readonly joinTimeoutMs: number;
  readonly redelivery: RedeliveryPolicy;
  readonly logger: BusLogger;
}

/** After kafkajs gave up on a consumer (non-retriable crash), the bus starts it again this late. */
const REVIVE_DELAY_MS = 5_000;

/**
 * One member of a Kafka consumer group, on kafkajs `eachBatch` with manual offset resolution.
 *
 * A handler's failure never reaches kafkajs (which would restart the whole consumer and
 * rebalance the group, or die on a non-retriable error): the partition is paused, the message
 * left unresolved, and resuming after the backoff makes kafkajs fetch from that very offset
 * again. Other partitions keep flowing meanwhile.
 */
export class KafkaBusConsumer implements Consumer {
  private assigned: string[] = [];
  private generation = 0;
  private stopping: Promise<void> | undefined;
  private readonly failures = new Map<string, { offset: string; count: number }>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private reviving = false;
  private readonly consumer: KafkajsConsumer;

  static async start(
    kafka: Kafka,
    options: ConsumeOptions,
    handler: MessageHandler,
    settings: KafkaConsumerSettings,
  ): Promise<KafkaBusConsumer> {
    const consumer = new KafkaBusConsumer(kafka, options, handler, settings);
    try {
      await consumer.begin();
    } catch (error) {
      await consumer.stop();
      throw error;
    }
    return consumer;
  }

  private constructor(
    kafka: Kafka,
    private readonly options: ConsumeOptions,
    private readonly handler: MessageHandler,
    private readonly settings: KafkaConsumerSettings,
  ) {
    this.consumer = kafka.consumer({
      groupId: options.groupId,
      sessionTimeout: settings.sessionTimeoutMs,
      heartbeatInterval: settings.heartbeatIntervalMs,
      rebalanceTimeout: settings.rebalanceTimeoutMs,
      maxWaitTimeInMs: settings.maxWaitTimeMs,
      // Topics come from ensureTopics with the configured partition count, never from the
      // broker's auto-creation (num.partitions, usually 1).
      allowAutoTopicCreation: false,
      retry: { retries: 8, initialRetryTime: 300, maxRetryTime: 30_000 },
    });
    const { GROUP_JOIN, REBALANCING, STOP, CRASH } = this.consumer.events;
    this.consumer.on(GROUP_JOIN, ({ payload }) => {
      this.generation += 1;
      this.assigned = Object.entries(payload.memberAssignment)
        .flatMap(([topic, partitions]) => partitions.map((partition) => `${topic}:${partition}`))
        .sort();
    });
    // Mid-rebalance the member owns nothing it may rely on (eager protocol: all is revoked).
    this.consumer.on(REBALANCING, () => (this.assigned = []));
    this.consumer.on(STOP, () => (this.assigned = []));
    this.consumer.on(CRASH, ({ payload }) => {
      this.assigned = [];
      this.settings.logger.error('kafka consumer crashed', {
        groupId: options.groupId,
        error: errorMessage(payload.error),
        restartedByKafkajs: payload.restart,
      });
      if (!payload.restart && this.stopping === undefined) this.revive();
    });
  }

  assignments(): string[] {
    return [...this.assigned];
  }

  stop(): Promise<void> {
    this.stopping ??= this.shutdown();
    return this.stopping;
  }

  private async shutdown(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    try {
      // kafkajs waits for the batch in progress (our loop stops after the running handler),
      // commits resolved offsets at the end of that batch, then leaves the group.
      await this.consumer.disconnect();
    } catch (error) {
      this.settings.logger.warn('kafka consumer did not disconnect cleanly', {
        groupId: this.options.groupId,
        error: errorMessage(error),
      });
    }
    this.assigned = [];
  }

  private async begin(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [...this.options.topics], fromBeginning: this.options.fromBeginning ?? true });
    const ready = this.untilReady();
    await this.consumer.run({
      autoCommit: true,
      autoCommitInterval: this.settings.autoCommitIntervalMs,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.settings.partitionsConsumedConcurrently,
      eachBatch: (payload) => this.eachBatch(payload),
    });
    await ready;
  }

  /**
   * Resolves once the member joined and fetched once: its start offsets are resolved by then,
   * so with `fromBeginning: false` everything published afterwards is delivered.
   */
  private untilReady(): Promise<void> {
    const { GROUP_JOIN, FETCH, CRASH } = this.consumer.events;
    return new Promise<void>((resolve, reject) => {
      let joined = false;
      const done = (error?: unknown): void => {
        clearTimeout(timer);
        removers.forEach((remove) => remove());
        if (error === undefined) resolve();
        else reject(error instanceof Error ? error : new Error(String(error)));
      };
      const timer = setTimeout(() => {
        this.settings.logger.warn('kafka consumer has not joined its group yet; it keeps trying', {
          groupId: this.options.groupId,
          waitedMs: this.settings.joinTimeoutMs,
        });
        done();
      }, this.settings.joinTimeoutMs);
      const removers = [
        this.consumer.on(GROUP_JOIN, () => (joined = true)),
        this.consumer.on(FETCH, () => joined && done()),
        this.consumer.on(CRASH, ({ payload }) => !payload.restart && done(payload.error)),
      ];
    });
  }

  private async eachBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, commitOffsetsIfNecessary, heartbeat, isRunning, isStale } = payload;
    const { topic, partition } = batch;
    const key = `${topic}:${partition}`;
    const generation = this.generation;
    for (const message of batch.messages) {
      // A batch fetched before a rebalance may reach us after it: never handle a partition
      // this member no longer owns (its new owner starts from the committed offset).
      if (!isRunning() || isStale() || this.generation !== generation || !this.assigned.includes(key)) return;
      try {
        await this.handler(toConsumedMessage(topic, partition, message));
      } catch (error) {
        this.redeliverLater(key, message.offset, error, payload.pause);
        return;
      }
      this.failures.delete(key);
      resolveOffset(message.offset);
      await commitOffsetsIfNecessary();
      await heartbeat();
    }
  }

  /** Leaves `offset` unresolved and pauses its partition; resuming refetches from it. */
  private redeliverLater(key: string, offset: string, error: unknown, pause: () => () => void): void {
    const previous = this.failures.get(key);
    const count = previous?.offset === offset ? previous.count + 1 : 1;
    this.failures.set(key, { offset, count });
    const delayMs = redeliveryDelay(this.settings.redelivery, count);
    this.settings.logger.warn('handler failed; the message will be redelivered', {
      groupId: this.options.groupId,
      partition: key,
      offset,
      attempt: count,
      retryInMs: delayMs,
      error: errorMessage(error),
    });
    const resume = pause();
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.stopping === undefined) resume();
    }, delayMs);
    this.timers.add(timer);
  }

  private revive(): void {
    if (this.reviving) return;
    this.reviving = true;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.reviving = false;
      if (this.stopping !== undefined) return;
      this.begin().catch((error: unknown) => {
        this.settings.logger.error('kafka consumer could not be restarted; retrying', {
          groupId: this.options.groupId,
          error: errorMessage(error),
        });
        this.revive();
      });
    }, REVIVE_DELAY_MS);
    this.timers.add(timer);
  }
}
