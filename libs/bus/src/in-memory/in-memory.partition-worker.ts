import type { ConsumedMessage, MessageHandler } from '../bus.port';
import { type BusLogger, errorMessage } from '../bus.logger';
import { type RedeliveryPolicy, redeliveryDelay } from '../redelivery.policy';
import type { PartitionLog, StoredRecord } from './partition.log';

export interface PartitionWorkerOptions {
  readonly topic: string;
  readonly partition: number;
  readonly log: PartitionLog;
  /** Committed offset (next to handle) when the worker takes the partition over. */
  readonly startAt: number;
  readonly commit: (nextOffset: number) => void;
  readonly handler: MessageHandler;
  readonly redelivery: RedeliveryPolicy;
  readonly logger: BusLogger;
}

/**
 * Feeds one partition to one group member, one message at a time, in offset order. The offset
 * is committed only after the handler resolved; a failure holds the partition on that message
 * (nothing later is handled) and retries it after a growing backoff.
 */
export class PartitionWorker {
  private stopping = false;
  private interrupt: (() => void) | undefined;
  private readonly done: Promise<void>;

  constructor(private readonly options: PartitionWorkerOptions) {
    this.done = this.run();
  }

  /** Lets a running handler finish (and commits it), then returns. No redelivery is awaited. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.interrupt?.();
    await this.done;
  }

  private async run(): Promise<void> {
    const { log, topic, partition } = this.options;
    let position = this.options.startAt;
    let failures = 0;
    while (!this.stopping) {
      if (position < log.startOffset) {
        this.options.logger.error(
          'in-memory bus: retention dropped messages this group had not handled',
          {
            topic,
            partition,
            from: position,
            to: log.startOffset,
          },
        );
        position = log.startOffset;
        this.options.commit(position);
      }
      const record = log.at(position);
      if (record === undefined) {
        await this.pause((wake) => log.onAppend(wake));
        continue;
      }
      try {
        await this.options.handler(this.toMessage(record));
      } catch (error) {
        failures += 1;
        const delayMs = redeliveryDelay(this.options.redelivery, failures);
        this.options.logger.warn('handler failed; the message will be redelivered', {
          topic,
          partition,
          offset: String(position),
          attempt: failures,
          retryInMs: delayMs,
          error: errorMessage(error),
        });
        await this.pause((wake) => {
          const timer = setTimeout(wake, delayMs);
          return () => clearTimeout(timer);
        });
        continue;
      }
      failures = 0;
      position += 1;
      this.options.commit(position);
    }
  }

  /** Waits until `arm`'s trigger fires or `stop()` is called, whichever comes first. */
  private async pause(arm: (wake: () => void) => () => void): Promise<void> {
    if (this.stopping) return;
    await new Promise<void>((resolve) => {
      let disarm: () => void = () => undefined;
      const finish = (): void => {
        disarm();
        this.interrupt = undefined;
        resolve();
      };
      this.interrupt = finish;
      disarm = arm(finish);
    });
  }

  private toMessage(record: StoredRecord): ConsumedMessage {
    return {
      topic: this.options.topic,
      partition: this.options.partition,
      offset: String(record.offset),
      key: record.key,
      value: record.value,
      headers: record.headers,
      timestamp: record.timestamp,
    };
  }
}
