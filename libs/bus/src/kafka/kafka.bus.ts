import { type Admin, Kafka, type Message, Partitioners, type Producer } from 'kafkajs';
import type { Bus, ConsumeOptions, Consumer, MessageHandler, OutgoingMessage } from '../bus.port';
import { consoleBusLogger, errorMessage } from '../bus.logger';
import { asList, validateConsumeOptions, validateMessage, validateTopic } from '../bus.validation';
import { KafkaBusConsumer } from './kafka.consumer';
import {
  type KafkaBusOptions,
  type KafkaConsumerSettings,
  consumerSettings,
} from './kafka.options';
import { KAFKA_LOG_LEVELS, kafkaLogCreator } from './kafka.logging';
import { toKafkaMessage } from './kafka.messages';

export type { KafkaBusOptions } from './kafka.options';

/**
 * The Bus on Kafka (kafkajs). The producer is idempotent with acks from all in-sync replicas,
 * so a retried send neither duplicates nor reorders a key's messages. Topics are created with
 * the configured partition count on first use (publish, consume or ensureTopics).
 */
export class KafkaBus implements Bus {
  private readonly consumers = new Set<KafkaBusConsumer>();
  private readonly topics = new Map<string, Promise<void>>();
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly kafka: Kafka,
    private readonly producer: Producer,
    private readonly admin: Admin,
    private readonly partitions: number,
    private readonly replicationFactor: number,
    private readonly settings: KafkaConsumerSettings,
    private readonly requestTimeoutMs: number,
  ) {}

  static async open(options: KafkaBusOptions): Promise<KafkaBus> {
    const logger = options.logger ?? consoleBusLogger;
    const level = KAFKA_LOG_LEVELS[options.logLevel ?? 'warn'];
    const requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
    const partitions = options.partitions ?? 3;
    const kafka = new Kafka({
      clientId: options.clientId,
      brokers: [...options.brokers],
      connectionTimeout: options.connectionTimeoutMs ?? 3_000,
      requestTimeout: requestTimeoutMs,
      logLevel: level,
      logCreator: kafkaLogCreator(logger, level),
    });
    const producer = kafka.producer({
      idempotent: true,
      // kafkajs guarantees idempotence (and so per-partition order on retry) only with one
      // request in flight per broker.
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      // Explicit, which also silences kafkajs' "default partitioner changed in v2" warning.
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    const admin = kafka.admin();
    try {
      await admin.connect();
      await producer.connect();
    } catch (error) {
      await Promise.allSettled([producer.disconnect(), admin.disconnect()]);
      throw error;
    }
    const settings = consumerSettings(options, partitions, logger);
    return new KafkaBus(
      kafka,
      producer,
      admin,
      partitions,
      options.replicationFactor ?? -1,
      settings,
      requestTimeoutMs,
    );
  }

  async publish(messages: OutgoingMessage | readonly OutgoingMessage[]): Promise<void> {
    this.assertOpen();
    const list = asList(messages);
    list.forEach(validateMessage);
    if (list.length === 0) return;
    const byTopic = new Map<string, Message[]>();
    for (const message of list) {
      const batch = byTopic.get(message.topic) ?? [];
      batch.push(toKafkaMessage(message));
      byTopic.set(message.topic, batch);
    }
    await this.ensureTopics([...byTopic.keys()]);
    // One request for the whole call: within a topic, messages keep their order per partition.
    await this.producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, topicMessages]) => ({
        topic,
        messages: topicMessages,
      })),
    });
  }

  async consume(options: ConsumeOptions, handler: MessageHandler): Promise<Consumer> {
    this.assertOpen();
    validateConsumeOptions(options);
    await this.ensureTopics(options.topics);
    const consumer = await KafkaBusConsumer.start(this.kafka, options, handler, this.settings);
    if (this.closing !== undefined) {
      // close() ran while this member was joining: it must not outlive the bus.
      await consumer.stop();
      throw new Error('kafka bus is closed');
    }
    this.consumers.add(consumer);
    const stop = consumer.stop.bind(consumer);
    return {
      assignments: () => consumer.assignments(),
      stop: async () => {
        await stop();
        this.consumers.delete(consumer);
      },
    };
  }

  async ensureTopics(topics: readonly string[]): Promise<void> {
    this.assertOpen();
    topics.forEach(validateTopic);
    await Promise.all(topics.map((topic) => this.ensureTopic(topic)));
  }

  async ping(): Promise<void> {
    this.assertOpen();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`kafka ping timed out after ${this.requestTimeoutMs} ms`)),
        this.requestTimeoutMs,
      );
    });
    try {
      await Promise.race([this.admin.describeCluster(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    await Promise.all([...this.consumers].map((consumer) => consumer.stop()));
    this.consumers.clear();
    const results = await Promise.allSettled([this.producer.disconnect(), this.admin.disconnect()]);
    for (const result of results) {
      if (result.status === 'rejected') {
        this.settings.logger.warn('kafka bus did not close cleanly', {
          error: errorMessage(result.reason),
        });
      }
    }
  }

  /**
   * One createTopics per topic, remembered per bus: kafkajs answers "already exists" for a batch
   * with some existing topics without waiting for the new topics' leaders.
   */
  private ensureTopic(topic: string): Promise<void> {
    let known = this.topics.get(topic);
    if (known === undefined) {
      known = this.admin
        .createTopics({
          topics: [
            {
              topic,
              numPartitions: this.partitions,
              replicationFactor: this.replicationFactor,
              // The port's `timestamp` is when the broker accepted the message, not the
              // producer's clock.
              configEntries: [{ name: 'message.timestamp.type', value: 'LogAppendTime' }],
            },
          ],
          waitForLeaders: true,
        })
        .then(() => undefined);
      // A failure is not cached: the next call tries again.
      known.catch(() => this.topics.delete(topic));
      this.topics.set(topic, known);
    }
    return known;
  }

  private assertOpen(): void {
    if (this.closing !== undefined) throw new Error('kafka bus is closed');
  }
}
