import { AGENT_STREAM_OPTIONS } from '../command-context/agent-stream';
import { type Command, handleCommand, isDomainError } from '@switchboard/es-core';
import { type EventStore, type RecordedEvent } from '@switchboard/event-store';
import { type Clock } from '@switchboard/platform/clock/clock.port';
import { isRouterStrategy } from '@switchboard/routing';
import {
  AGENT_STREAM_PREFIX,
  type AgentCommand,
  agentDecider,
  agentStream,
  CONSULTATION_STREAM_PREFIX,
  type ConsultationCommand,
  type ConsultationDecider,
  type ConsultationEvent,
  type ConsultationState,
  consultationStream,
  type AgentStatusChanged,
} from '../../domain';
import { describeError, type RuntimeLogger, silentLogger } from './runtime.logger';
import { SubscriptionRunner } from './subscription.runner';

export interface CapacityProcessManagerDeps {
  readonly store: EventStore;
  readonly clock: Clock;
  readonly decider: ConsultationDecider;
  readonly logger?: RuntimeLogger;
}

const HANDLED = [
  'ConsultationAssigned',
  'ConsultationRequeued',
  'ConsultationTransferred',
  'ConsultationResolved',
  'ConsultationClosed',
  'AgentStatusChanged',
];

/**
 * Keeps agent capacity in step with the consultations:
 * - the slot is released when the agent stops holding the consultation (requeued, transferred
 *   away, resolved, closed), unless the consultation is by now assigned to that agent again;
 * - a manual or transfer assignment (not made by the router) takes the slot on the agent;
 * - an agent going offline or away gets its not-yet-accepted consultations requeued
 *   (`agent_offline`), so the router hands them to someone present.
 * Idempotent: command ids derive from the triggering event id, take/release are idempotent by
 * consultation id, and each action re-reads the consultation first, so a redelivered (or, after
 * a restart, replayed) event changes nothing that has moved on since.
 */
export class CapacityProcessManager {
  private readonly runner: SubscriptionRunner;
  private readonly logger: RuntimeLogger;

  constructor(private readonly deps: CapacityProcessManagerDeps) {
    this.logger = deps.logger ?? silentLogger;
    this.runner = new SubscriptionRunner(
      deps.store,
      {
        name: 'CapacityProcessManager',
        filter: {
          streamPrefixes: [CONSULTATION_STREAM_PREFIX, AGENT_STREAM_PREFIX],
          eventTypes: HANDLED,
        },
        logger: this.logger,
      },
      (event) => this.handle(event),
    );
  }

  start(): Promise<void> {
    return this.runner.start();
  }

  stop(): Promise<void> {
    return this.runner.stop();
  }

  get position(): number {
    return this.runner.position;
  }

  private async handle(recorded: RecordedEvent): Promise<void> {
    if (recorded.type === 'AgentStatusChanged') {
      return this.agentLeft(recorded.id, recorded.data as AgentStatusChanged['data']);
    }
    const event = { type: recorded.type, version: 1, data: recorded.data } as ConsultationEvent;
    switch (event.type) {
      case 'ConsultationAssigned':
        if (isRouterStrategy(event.data.reason.strategy)) return;
        return this.take(recorded.id, event.data.agentId, event.data.consultationId);
      case 'ConsultationRequeued':
        return this.release(recorded.id, event.data.agentId, event.data.consultationId, 'requeued');
      case 'ConsultationTransferred':
        return this.release(
          recorded.id,
          event.data.fromAgentId,
          event.data.consultationId,
          'transferred',
        );
      case 'ConsultationResolved':
        return this.release(recorded.id, event.data.agentId, event.data.consultationId, 'resolved');
      case 'ConsultationClosed':
        if (event.data.agentId === null) return;
        return this.release(recorded.id, event.data.agentId, event.data.consultationId, 'closed');
      default:
        return;
    }
  }

  private async release(eventId: string, agentId: string, consultationId: string, reason: string) {
    const state = await this.consultation(consultationId);
    if (state.status === 'assigned' && state.assignedAgentId === agentId) return;
    await this.agentCommand(
      agentId,
      'releaseConsultation',
      { consultationId, reason },
      `${eventId}:release`,
    );
  }

  private async take(eventId: string, agentId: string, consultationId: string) {
    const state = await this.consultation(consultationId);
    if (state.status !== 'assigned' || state.assignedAgentId !== agentId) return;
    await this.agentCommand(agentId, 'takeConsultation', { consultationId }, `${eventId}:take`);
  }

  private async agentLeft(eventId: string, data: AgentStatusChanged['data']): Promise<void> {
    if (data.status === 'online') return;
    for (const consultationId of data.held) {
      const state = await this.consultation(consultationId);
      const unaccepted =
        state.status === 'assigned' &&
        !state.accepted &&
        state.assignedAgentId === data.agentId &&
        (state.assignedAt ?? '') <= data.at;
      if (!unaccepted) continue;
      const command: ConsultationCommand = {
        type: 'requeue',
        data: { reason: 'agent_offline', agentId: data.agentId },
        metadata: this.metadata(`${eventId}:requeue:${consultationId}`),
      };
      try {
        await handleCommand(
          this.deps.store,
          consultationStream(consultationId),
          this.deps.decider,
          command,
        );
      } catch (error) {
        this.logger.debug(
          `requeue ${consultationId} (agent ${data.agentId} left): ${describeError(error)}`,
        );
      }
    }
  }

  private async agentCommand(
    agentId: string,
    type: 'takeConsultation' | 'releaseConsultation',
    data: { consultationId: string; reason?: string },
    commandId: string,
  ): Promise<void> {
    const command = { type, data, metadata: this.metadata(commandId) } as AgentCommand;
    try {
      await handleCommand(
        this.deps.store,
        agentStream(agentId),
        agentDecider,
        command,
        AGENT_STREAM_OPTIONS,
      );
    } catch (error) {
      const level = isDomainError(error) ? 'warn' : 'error';
      this.logger[level](`${type} ${data.consultationId} on ${agentId}: ${describeError(error)}`);
    }
  }

  private async consultation(consultationId: string): Promise<ConsultationState> {
    const history = await this.deps.store.readStream(consultationStream(consultationId));
    return history.reduce(
      (state, e) =>
        this.deps.decider.evolve(state, {
          type: e.type,
          version: 1,
          data: e.data,
        } as ConsultationEvent),
      this.deps.decider.initialState,
    );
  }

  private metadata(commandId: string): Command['metadata'] {
    return { commandId, now: this.deps.clock.now(), causationId: commandId };
  }
}
