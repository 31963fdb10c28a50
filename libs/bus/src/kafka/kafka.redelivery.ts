import { type BusLogger, errorMessage } from '../bus.logger';
import { type RedeliveryPolicy, redeliveryDelay } from '../redelivery.policy';

/**
 * Redelivery without kafkajs' help: the failed message stays unresolved and its partition is
 * paused; resuming after the backoff makes kafkajs fetch again from the unresolved offset, so
 * the same message comes back before anything after it. Other partitions keep flowing.
 */
export class KafkaRedelivery {
  private readonly failures = new Map<string, { offset: string; count: number }>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private cancelled = false;

  constructor(
    private readonly policy: RedeliveryPolicy,
    private readonly logger: BusLogger,
    private readonly groupId: string,
  ) {}

  succeeded(partition: string): void {
    this.failures.delete(partition);
  }

  /** `pause` is kafkajs' per-partition pause, which returns the matching resume. */
  failed(partition: string, offset: string, error: unknown, pause: () => () => void): void {
    const previous = this.failures.get(partition);
    const count = previous?.offset === offset ? previous.count + 1 : 1;
    this.failures.set(partition, { offset, count });
    const delayMs = redeliveryDelay(this.policy, count);
    this.logger.warn('handler failed; the message will be redelivered', {
      groupId: this.groupId,
      partition,
      offset,
      attempt: count,
      retryInMs: delayMs,
      error: errorMessage(error),
    });
    const resume = pause();
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.cancelled) resume();
    }, delayMs);
    this.timers.add(timer);
  }

  /** On stop: pending resumes are dropped (the messages stay uncommitted for the next owner). */
  cancel(): void {
    this.cancelled = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
