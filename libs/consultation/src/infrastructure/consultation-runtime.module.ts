import {
  type BeforeApplicationShutdown,
  Injectable,
  Logger,
  Module,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { EVENT_STORE, type EventStore } from '@switchboard/event-store';
import { CLOCK, type Clock } from '@switchboard/platform/clock/clock.port';
import { type RoutingConfig } from '@switchboard/routing';
import {
  type ConsultationPolicy,
  consultationDecider,
  DEFAULT_CONSULTATION_POLICY,
} from '../domain';
import { AgentDirectory } from '../application/agents-view/agent-directory';
import { CapacityProcessManager } from '../application/process-managers/capacity.process-manager';
import { type RuntimeLogger } from '../application/process-managers/runtime.logger';
import {
  LoggingQueuePositionNotifier,
  QUEUE_POSITION_NOTIFIER,
  type QueuePositionNotifier,
} from '../application/routing/queue-position.notifier';
import { Router } from '../application/routing/router';
import { ROUTING_CONFIG, routingConfigFrom } from '../application/routing/routing.settings';
import { SystemTimerClock, TIMER_CLOCK, type TimerClock } from '../application/timers/timer-clock';
import { TimerScheduler } from '../application/timers/timer.scheduler';

/** DI token for the ConsultationPolicy the runtime services decide with. */
export const RUNTIME_CONSULTATION_POLICY = Symbol('RuntimeConsultationPolicy');

function logger(context: string): RuntimeLogger {
  const nest = new Logger(context);
  return {
    debug: (message) => nest.debug(message),
    warn: (message) => nest.warn(message),
    error: (message) => nest.error(message),
  };
}

/** Starts the runtime at bootstrap (directory first: the router needs every agent) and stops it
 * before shutdown, while the event store is still open. */
@Injectable()
export class ConsultationRuntime implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    private readonly directory: AgentDirectory,
    private readonly router: Router,
    private readonly capacity: CapacityProcessManager,
    private readonly timers: TimerScheduler,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.directory.start();
    await Promise.all([this.router.start(), this.capacity.start(), this.timers.start()]);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([this.timers.stop(), this.capacity.stop(), this.router.stop()]);
    await this.directory.stop();
  }
}

/**
 * What reacts to consultation and agent events: the agent directory (agent reads), the router
 * (queues and assignment), the capacity process manager and the durable timer scheduler. Needs
 * EVENT_STORE and CLOCK from the global modules; reads ROUTING_DEFAULT_STRATEGY when a
 * ConfigService is present. Queue positions go to QUEUE_POSITION_NOTIFIER when a global module
 * provides it (the gateway), else to a debug log.
 */
@Module({
  providers: [
    { provide: RUNTIME_CONSULTATION_POLICY, useValue: DEFAULT_CONSULTATION_POLICY },
    {
      provide: ROUTING_CONFIG,
      inject: [{ token: ConfigService, optional: true }],
      useFactory: (config?: ConfigService): RoutingConfig =>
        routingConfigFrom(config?.get<string>('ROUTING_DEFAULT_STRATEGY')),
    },
    {
      provide: TIMER_CLOCK,
      inject: [CLOCK],
      useFactory: (clock: Clock) => new SystemTimerClock(clock),
    },
    {
      provide: AgentDirectory,
      inject: [EVENT_STORE],
      useFactory: (store: EventStore) => new AgentDirectory(store, logger('AgentDirectory')),
    },
    {
      provide: Router,
      inject: [
        EVENT_STORE,
        CLOCK,
        RUNTIME_CONSULTATION_POLICY,
        AgentDirectory,
        ROUTING_CONFIG,
        { token: QUEUE_POSITION_NOTIFIER, optional: true },
      ],
      useFactory: (
        store: EventStore,
        clock: Clock,
        policy: ConsultationPolicy,
        directory: AgentDirectory,
        config: RoutingConfig,
        notifier?: QueuePositionNotifier,
      ) =>
        new Router({
          store,
          clock,
          decider: consultationDecider(policy),
          directory,
          config,
          notifier: notifier ?? new LoggingQueuePositionNotifier(logger('QueuePositions')),
          logger: logger('Router'),
        }),
    },
    {
      provide: CapacityProcessManager,
      inject: [EVENT_STORE, CLOCK, RUNTIME_CONSULTATION_POLICY],
      useFactory: (store: EventStore, clock: Clock, policy: ConsultationPolicy) =>
        new CapacityProcessManager({
          store,
          clock,
          decider: consultationDecider(policy),
          logger: logger('CapacityProcessManager'),
        }),
    },
    {
      provide: TimerScheduler,
      inject: [EVENT_STORE, TIMER_CLOCK, RUNTIME_CONSULTATION_POLICY],
      useFactory: (store: EventStore, clock: TimerClock, policy: ConsultationPolicy) =>
        new TimerScheduler({
          store,
          clock,
          decider: consultationDecider(policy),
          logger: logger('TimerScheduler'),
        }),
    },
    ConsultationRuntime,
  ],
  exports: [
    RUNTIME_CONSULTATION_POLICY,
    ROUTING_CONFIG,
    TIMER_CLOCK,
    AgentDirectory,
    Router,
    CapacityProcessManager,
    TimerScheduler,
  ],
})
export class ConsultationRuntimeModule {}
