import { type BusLogger, errorMessage } from './bus.logger';
import { type Bus, type ConsumeOptions, type Consumer, type MessageHandler } from './bus.port';

export interface GroupConsumerOptions extends ConsumeOptions {
  readonly bus: Bus;
  /** Created before joining: the consumed topics, their DLQs, topics the handler publishes to. */
  readonly ensureTopics?: readonly string[];
  readonly logger: BusLogger;
  /** Delay before joining again after the bus refused. Default 1000 ms. */
  readonly retryDelayMs?: number;
}

/**
 * A consumer-group membership that does not fail an application's start on a bus that is not
 * ready yet (a broker still starting): `start()` creates the topics and joins; a failure is
 * logged and the join retried every `retryDelayMs` until it works or `stop()` is called.
 * `stop()` leaves the group after the running handler finishes (see `Consumer.stop`).
 */
export class GroupConsumer {
  private consumer: Consumer | undefined;
  private running = false;
  private retry: NodeJS.Timeout | undefined;

  constructor(
    private readonly options: GroupConsumerOptions,
    private readonly handler: MessageHandler,
  ) {}

  /** Whether the group has been joined (false while retrying). */
  get joined(): boolean {
    return this.consumer !== undefined;
  }

  /** Resolves after the first attempt to join, whether it worked or a retry is scheduled. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.join();
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.retry);
    const consumer = this.consumer;
    this.consumer = undefined;
    await consumer?.stop();
  }

  private async join(): Promise<void> {
    const { bus, ensureTopics, logger, retryDelayMs, ...consume } = this.options;
    try {
      await bus.ensureTopics(ensureTopics ?? consume.topics);
      const consumer = await bus.consume(consume, this.handler);
      if (this.running) this.consumer = consumer;
      else await consumer.stop();
    } catch (error) {
      const topics = consume.topics.join(', ');
      logger.error(`group ${consume.groupId} could not join ${topics}: ${errorMessage(error)}`);
      if (this.running) {
        this.retry = setTimeout(() => void this.join(), retryDelayMs ?? 1_000);
        this.retry.unref();
      }
    }
  }
}
