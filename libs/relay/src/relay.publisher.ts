import type { Bus, OutgoingMessage } from '@switchboard/bus';
import type { CheckpointStore } from './checkpoint-store.port';
import { RelayBuffer } from './relay.buffer';
import type { RelayLogger, RelaySettings } from './relay.options';
import { RelayFencedError, RelayStoppedError, RetryLoop } from './relay.retry';

/**
 * The relay's write side: buffers handled events, publishes them in batches (full batch, or
 * after the linger), one batch in flight at a time, and saves the checkpoint only after the
 * bus has accepted a batch. Failures are retried with backoff and never move the checkpoint.
 */
export class RelayPublisher {
  readonly counters = { published: 0, batches: 0, publishFailures: 0, checkpointFailures: 0 };
  lastError: string | undefined;
  /** Position of the last event handed over (buffered, published, or for no topic). */
  handledTo = 0;
  /** Position last saved to the checkpoint store. */
  saved = 0;
  private accepting = false;
  private lingerTimer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private readonly buffer: RelayBuffer;
  private readonly retry: RetryLoop;
  private readonly lingerMs: number;

  constructor(
    private readonly name: string,
    private readonly bus: Bus,
    private readonly checkpoints: CheckpointStore,
    settings: RelaySettings,
    private readonly logger: RelayLogger,
    private readonly fence: () => boolean = () => true,
  ) {
    this.buffer = new RelayBuffer(settings.batchSize, settings.maxBuffered);
    this.retry = new RetryLoop(settings.retryDelayMs, settings.maxRetryDelayMs, logger, name);
    this.lingerMs = settings.lingerMs;
  }

  get buffered(): number {
    return this.buffer.size;
  }

  /** Starts a run from `checkpoint` (what the store holds). */
  begin(checkpoint: number): void {
    this.saved = checkpoint;
    this.handledTo = checkpoint;
    this.buffer.clear();
    this.retry.reset();
    this.accepting = true;
  }

  /** Takes one event's messages (maybe none); waits while the buffer is full. */
  async accept(messages: readonly OutgoingMessage[], position: number): Promise<void> {
    this.buffer.add(messages, position);
    this.handledTo = position;
    if (this.buffer.hasFullBatch) this.kick();
    else this.lingerTimer ??= setTimeout(() => this.kick(), this.lingerMs);
    await this.buffer.waitForSpace(() => this.accepting);
  }

  /** Lets a handler waiting for space return at once (the subscription is being stopped). */
  stopAccepting(timeoutMs: number): void {
    this.accepting = false;
    this.retry.stopAfter(timeoutMs);
    this.buffer.release();
  }

  /**
   * After `stopAccepting` and once no handler runs: publishes the rest and saves the
   * checkpoint, or gives up at the deadline (returns the messages left unpublished).
   */
  async drain(): Promise<number> {
    clearTimeout(this.lingerTimer);
    this.lingerTimer = undefined;
    try {
      await this.flushing;
      await this.flush();
      return 0;
    } catch (error) {
      if (!(error instanceof RelayStoppedError)) throw error;
      return this.buffer.size;
    }
  }

  /** Starts the flush loop unless it runs already (it then picks up what arrived meanwhile). */
  private kick(): void {
    clearTimeout(this.lingerTimer);
    this.lingerTimer = undefined;
    if (this.flushing !== undefined) return;
    this.flushing = this.flush()
      .catch((error: unknown) => {
        if (error instanceof RelayStoppedError) return;
        this.logger.error('Relay flush failed', { relay: this.name, error: String(error) });
      })
      .finally(() => {
        this.flushing = undefined;
        // Fenced: the lease keeper stops the relay; retrying now would only spin.
        if (!this.accepting || !this.fence()) return;
        if (this.buffer.hasFullBatch) this.kick();
        else if (!this.buffer.isEmpty || this.handledTo > this.saved) {
          this.lingerTimer ??= setTimeout(() => this.kick(), this.lingerMs);
        }
      });
  }

  /** Publishes full batches (when draining: everything), saving the checkpoint after each. */
  private async flush(): Promise<void> {
    for (;;) {
      const batch = this.buffer.peekBatch();
      if (batch.events > 0) {
        await this.retry.run(
          'publish',
          () => {
            this.assertFence();
            return this.bus.publish(batch.messages);
          },
          (error) => {
            this.counters.publishFailures += 1;
            this.lastError = String(error);
          },
        );
        this.buffer.remove(batch);
        this.counters.published += batch.messages.length;
        this.counters.batches += 1;
      }
      // Nothing left buffered: every handled event is published or was for no topic.
      const target = this.buffer.isEmpty ? this.handledTo : batch.lastPosition;
      if (target > this.saved) {
        const save = () => {
          this.assertFence();
          return this.checkpoints.save(this.name, target);
        };
        await this.retry.run('checkpoint save', save, (error) => {
          this.counters.checkpointFailures += 1;
          this.lastError = String(error);
        });
        this.saved = target;
      }
      if (this.accepting ? !this.buffer.hasFullBatch : this.buffer.isEmpty) return;
    }
  }

  private assertFence(): void {
    if (!this.fence()) throw new RelayFencedError();
  }
}
