import { handleCommand, isDomainError } from '@switchboard/es-core';
import { type EventStore, type RecordedEvent } from '@switchboard/event-store';
import {
  CONSULTATION_STREAM_PREFIX,
  ConsultationErrorCode,
  type ConsultationCommand,
  type ConsultationDecider,
  type ConsultationAssigned,
  type TimerCancelled,
  type TimerScheduled,
} from '../../domain';
import {
  describeError,
  type RuntimeLogger,
  silentLogger,
} from '../process-managers/runtime.logger';
import { SubscriptionRunner } from '../process-managers/subscription.runner';
import { type Disarm, type TimerClock } from './timer-clock';

export interface TimerSchedulerDeps {
  readonly store: EventStore;
  readonly clock: TimerClock;
  readonly decider: ConsultationDecider;
  readonly logger?: RuntimeLogger;
  /** Delay before firing again after an unexpected error. Default 1000 ms. */
  readonly retryDelayMs?: number;
  /** Attempts per timer for unexpected errors. Default 5. */
  readonly maxAttempts?: number;
}

interface Armed {
  readonly streamId: string;
  readonly timerId: string;
  readonly dueAt: Date;
  disarm: Disarm;
  attempts: number;
}

/**
 * Arms every pending durable timer and fires it with `fireTimer`. The pending set is rebuilt
 * from the log on every start (TimerScheduled and a v4 ConsultationAssigned add,
 * TimerCancelled/TimerFired remove), so timers survive restarts. Exactly once: the command id
 * is `<timerId>:fire`, so a retried fire derives the same event ids, and the decider returns
 * nothing for a timer already fired or cancelled — a fire from two processes or from before
 * and after a restart has one effect.
 */
export class TimerScheduler {
  private readonly armed = new Map<string, Armed>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly runner: SubscriptionRunner;
  private readonly logger: RuntimeLogger;
  private running = false;

  constructor(private readonly deps: TimerSchedulerDeps) {
    this.logger = deps.logger ?? silentLogger;
    this.runner = new SubscriptionRunner(
      deps.store,
      {
        name: 'TimerScheduler',
        filter: {
          streamPrefixes: [CONSULTATION_STREAM_PREFIX],
          eventTypes: ['TimerScheduled', 'ConsultationAssigned', 'TimerCancelled', 'TimerFired'],
        },
        logger: this.logger,
      },
      (event) => this.track(event),
    );
  }

  async start(): Promise<void> {
    this.running = true;
    await this.runner.start();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.runner.stop();
    for (const timer of this.armed.values()) timer.disarm();
    this.armed.clear();
    await Promise.allSettled([...this.inFlight]);
  }

  /** Timer ids armed right now. */
  pendingTimers(): string[] {
    return [...this.armed.keys()];
  }

  /** Resolves when no fire is in flight. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private track(recorded: RecordedEvent): void {
    const scheduled = scheduledBy(recorded);
    if (scheduled === null) return;
    if (scheduled === undefined) {
      const { timerId } = recorded.data as TimerCancelled['data'];
      this.armed.get(timerId)?.disarm();
      this.armed.delete(timerId);
      return;
    }
    if (this.armed.has(scheduled.timerId) || !this.running) return;
    const timer: Armed = {
      streamId: recorded.streamId,
      timerId: scheduled.timerId,
      dueAt: new Date(scheduled.dueAt),
      disarm: () => undefined,
      attempts: 0,
    };
    this.armed.set(timer.timerId, timer);
    this.arm(timer, timer.dueAt);
  }

  private arm(timer: Armed, at: Date): void {
    timer.disarm = this.deps.clock.arm(at, () => {
      const firing = this.fire(timer).finally(() => this.inFlight.delete(firing));
      this.inFlight.add(firing);
    });
  }

  private async fire(timer: Armed): Promise<void> {
    if (!this.running || this.armed.get(timer.timerId) !== timer) return;
    timer.attempts++;
    const command: ConsultationCommand = {
      type: 'fireTimer',
      data: { timerId: timer.timerId },
      metadata: { commandId: `${timer.timerId}:fire`, now: this.deps.clock.now() },
    };
    try {
      await handleCommand(this.deps.store, timer.streamId, this.deps.decider, command, {
        maxAttempts: 20,
      });
      // The TimerFired event removes it too; done here so a slow subscription cannot re-fire.
      if (this.armed.get(timer.timerId) === timer) this.armed.delete(timer.timerId);
    } catch (error) {
      if (!this.running || this.armed.get(timer.timerId) !== timer) return;
      if (isDomainError(error) && error.code === ConsultationErrorCode.TimerNotDue) {
        // Our clock is behind the one that scheduled it: wait for the due time again.
        this.arm(timer, timer.dueAt);
        return;
      }
      const maxAttempts = this.deps.maxAttempts ?? 5;
      this.logger.error(
        `TimerScheduler: ${timer.timerId} attempt ${timer.attempts}/${maxAttempts}: ${describeError(error)}`,
      );
      if (timer.attempts >= maxAttempts) {
        this.armed.delete(timer.timerId);
        return;
      }
      const retryAt = new Date(this.deps.clock.now().getTime() + (this.deps.retryDelayMs ?? 1000));
      this.arm(timer, retryAt);
    }
  }
}

/**
 * The timer an event schedules: a `TimerScheduled`, or a `ConsultationAssigned` v4 with its accept
 * timeout (D45); null for an assignment that schedules none (before v4, a TimerScheduled
 * follows it); undefined for an event that ends a timer (cancelled, fired).
 */
function scheduledBy(
  recorded: RecordedEvent,
): { timerId: string; dueAt: string } | null | undefined {
  if (recorded.type === 'TimerScheduled') return recorded.data as TimerScheduled['data'];
  if (recorded.type !== 'ConsultationAssigned') return undefined;
  const { acceptTimerId, acceptDeadline } = recorded.data as ConsultationAssigned['data'];
  return acceptTimerId === undefined ? null : { timerId: acceptTimerId, dueAt: acceptDeadline };
}
