import type { Consumer as KafkajsConsumer, EachBatchPayload, Kafka } from 'kafkajs';
import type { ConsumeOptions, Consumer, MessageHandler } from '../bus.port';
import { errorMessage } from '../bus.logger';
import { joinedAndFetched } from './kafka.group-events';
import type { KafkaConsumerSettings } from './kafka.options';
import { toConsumedMessage } from './kafka.messages';
import { KafkaRedelivery } from './kafka.redelivery';

/** After kafkajs gave up on a consumer (non-retriable crash), the bus starts it again this late. */
const REVIVE_DELAY_MS = 5_000;

/**
 * One member of a Kafka consumer group, on kafkajs `eachBatch` with manual offset resolution.
 *
 * A handler's failure never reaches kafkajs, which would restart the whole consumer and
 * rebalance the group (or give it up for good on an error it deems non-retriable): see
 * `KafkaRedelivery`.
 */
export class KafkaBusConsumer implements Consumer {
  private assigned: string[] = [];
  private generation = 0;
  private stopping: Promise<void> | undefined;
  private reviveTimer: NodeJS.Timeout | undefined;
  private readonly consumer: KafkajsConsumer;
  private readonly redelivery: KafkaRedelivery;

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
    this.redelivery = new KafkaRedelivery(settings.redelivery, settings.logger, options.groupId);
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
    this.redelivery.cancel();
    clearTimeout(this.reviveTimer);
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
    await this.consumer.subscribe({
      topics: [...this.options.topics],
      fromBeginning: this.options.fromBeginning ?? true,
    });
    const ready = joinedAndFetched(this.consumer, this.settings.joinTimeoutMs);
    await this.consumer.run({
      autoCommit: true,
      autoCommitInterval: this.settings.autoCommitIntervalMs,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.settings.partitionsConsumedConcurrently,
      eachBatch: (payload) => this.eachBatch(payload),
    });
    if (!(await ready)) {
      this.settings.logger.warn('kafka consumer has not joined its group yet; it keeps trying', {
        groupId: this.options.groupId,
        waitedMs: this.settings.joinTimeoutMs,
      });
    }
  }

  private async eachBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, commitOffsetsIfNecessary, heartbeat, isRunning, isStale } =
      payload;
    const { topic, partition } = batch;
    const key = `${topic}:${partition}`;
    const generation = this.generation;
    for (const message of batch.messages) {
      // A batch fetched before a rebalance may reach us after it: never handle a partition
      // this member no longer owns (its new owner starts from the committed offset).
      if (
        !isRunning() ||
        isStale() ||
        this.generation !== generation ||
        !this.assigned.includes(key)
      )
        return;
      // kafkajs only heartbeats between messages: keep the session alive through a slow
      // handler, or the broker drops the member and rebalances the group under it.
      const keepAlive = setInterval(
        () => heartbeat().catch(() => undefined),
        this.settings.heartbeatIntervalMs,
      );
      try {
        await this.handler(toConsumedMessage(topic, partition, message));
      } catch (error) {
        this.redelivery.failed(key, message.offset, error, payload.pause);
        return;
      } finally {
        clearInterval(keepAlive);
      }
      this.redelivery.succeeded(key);
      resolveOffset(message.offset);
      await commitOffsetsIfNecessary();
      await heartbeat();
    }
  }

  /** kafkajs does not restart a consumer after a non-retriable crash: the bus does. */
  private revive(): void {
    if (this.reviveTimer !== undefined) return;
    this.reviveTimer = setTimeout(() => {
      this.reviveTimer = undefined;
      if (this.stopping !== undefined) return;
      this.begin().catch((error: unknown) => {
        this.settings.logger.error('kafka consumer could not be restarted; retrying', {
          groupId: this.options.groupId,
          error: errorMessage(error),
        });
        this.revive();
      });
    }, REVIVE_DELAY_MS);
  }
}
