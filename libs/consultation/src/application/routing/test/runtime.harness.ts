import { type Command, handleCommand } from '@switchboard/es-core';
import { type EventStore } from '@switchboard/event-store';
import { type PositionChange } from '@switchboard/routing';
import { type RoutingConfig } from '@switchboard/routing';
import {
  type AgentCommand,
  type ConsultationAssigned,
  agentDecider,
  agentStream,
  type ConsultationCommand,
  consultationDecider,
  type ConsultationPolicy,
  consultationStream,
  DEFAULT_CONSULTATION_POLICY,
} from '../../../domain';
import { AgentDirectory } from '../../agents-view/agent-directory';
import { CapacityProcessManager } from '../../process-managers/capacity.process-manager';
import { type RuntimeLogger } from '../../process-managers/runtime.logger';
import { type TimerClock } from '../../timers/timer-clock';
import { TimerScheduler } from '../../timers/timer.scheduler';
import { type QueuePositionNotifier } from '../queue-position.notifier';
import { Router } from '../router';

/** Every position change the router pushed, in order. */
export class CapturingNotifier implements QueuePositionNotifier {
  readonly changes: { key: string; change: PositionChange }[] = [];

  positionsChanged(key: string, changes: readonly PositionChange[]): void {
    for (const change of changes) this.changes.push({ key, change });
  }

  /** The last position pushed per consultation. */
  lastPositions(): Map<string, number> {
    return new Map(this.changes.map(({ change }) => [change.consultationId, change.position]));
  }
}

export interface RuntimeServices {
  readonly directory: AgentDirectory;
  readonly router: Router;
  readonly capacity: CapacityProcessManager;
  readonly timers: TimerScheduler;
  /** Starts in dependency order: the router needs a caught-up directory. */
  start(): Promise<void>;
  /** Stops in reverse order. */
  stop(): Promise<void>;
}

export interface RuntimeOptions {
  readonly store: EventStore;
  readonly clock: TimerClock;
  readonly config?: RoutingConfig;
  readonly policy?: ConsultationPolicy;
  readonly notifier?: QueuePositionNotifier;
  readonly logger?: RuntimeLogger;
}

/** The four runtime services wired by hand, as the Nest module does it. */
export function createRuntime(options: RuntimeOptions): RuntimeServices {
  const { store, clock, logger } = options;
  const decider = consultationDecider(options.policy ?? DEFAULT_CONSULTATION_POLICY);
  const directory = new AgentDirectory(store, logger);
  const router = new Router({
    store,
    clock,
    decider,
    directory,
    config: options.config ?? { default: 'least-load' },
    notifier: options.notifier ?? { positionsChanged: () => undefined },
    logger,
  });
  const capacity = new CapacityProcessManager({ store, clock, decider, logger });
  const timers = new TimerScheduler({ store, clock, decider, logger });
  return {
    directory,
    router,
    capacity,
    timers,
    async start() {
      await directory.start();
      await Promise.all([router.start(), capacity.start(), timers.start()]);
    },
    async stop() {
      await Promise.all([timers.stop(), capacity.stop(), router.stop()]);
      await directory.stop();
    },
  };
}

let commands = 0;

export function metadata(clock: { now(): Date }, prefix = 'test'): Command['metadata'] {
  return { commandId: `${prefix}-${++commands}-${clock.now().getTime()}`, now: clock.now() };
}

export function consultationCommand(
  store: EventStore,
  clock: { now(): Date },
  consultationId: string,
  partial: Omit<ConsultationCommand, 'metadata'>,
  policy: ConsultationPolicy = DEFAULT_CONSULTATION_POLICY,
) {
  const command = { ...partial, metadata: metadata(clock) } as ConsultationCommand;
  return handleCommand(
    store,
    consultationStream(consultationId),
    consultationDecider(policy),
    command,
  );
}

export function agentCommand(
  store: EventStore,
  clock: { now(): Date },
  agentId: string,
  partial: Omit<AgentCommand, 'metadata'>,
) {
  const command = { ...partial, metadata: metadata(clock) } as AgentCommand;
  return handleCommand(store, agentStream(agentId), agentDecider, command);
}

/** Registers agents and brings them online. */
export async function onlineAgents(
  store: EventStore,
  clock: { now(): Date },
  ids: readonly string[],
  settings: { capacity: number; groups?: string[]; weight?: number } = { capacity: 1 },
): Promise<void> {
  await Promise.all(
    ids.map(async (agentId) => {
      await agentCommand(store, clock, agentId, {
        type: 'register',
        data: {
          agentId,
          capacity: settings.capacity,
          groups: settings.groups ?? [],
          skills: [],
          weight: settings.weight ?? 1,
        },
      });
      await agentCommand(store, clock, agentId, { type: 'setStatus', data: { status: 'online' } });
    }),
  );
}

export function openCommand(consultationId: string, domain = 'travel') {
  return {
    type: 'open' as const,
    data: {
      consultationId,
      customerId: `cust-${consultationId}`,
      domain,
      conversationId: `conv-${consultationId}`,
    },
  };
}

/**
 * Waits until nothing moves: the store's head stays put across several checks while the
 * router and the timer scheduler have nothing in flight.
 */
export async function quiesce(
  store: EventStore,
  runtime: RuntimeServices,
  stableMs = 60,
): Promise<void> {
  let last = -1;
  let stableSince = 0;
  for (let i = 0; i < 2_000; i++) {
    await runtime.router.idle();
    await runtime.timers.idle();
    const [head] = await store.readAll({ direction: 'backwards', maxCount: 1 });
    const position = head?.position ?? 0;
    if (position !== last) {
      last = position;
      stableSince = i;
    } else if ((i - stableSince) * 10 >= stableMs) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('the runtime never settled');
}

/** The agents a consultation was assigned to, in order (its ConsultationAssigned events). */
export async function assignedAgents(store: EventStore, consultationId: string): Promise<string[]> {
  return (await store.readStream(consultationStream(consultationId)))
    .filter((e) => e.type === 'ConsultationAssigned')
    .map((e) => (e.data as ConsultationAssigned['data']).agentId);
}
