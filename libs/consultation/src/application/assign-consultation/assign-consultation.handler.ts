import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { handleCommand } from '@switchboard/es-core';
import { EVENT_STORE, type EventStore } from '@switchboard/event-store';
import { CLOCK, type Clock } from '@switchboard/platform';
import {
  QueueEntryNotFoundError,
  queueDecider,
  queueStreamId,
  routingKeyOf,
} from '@switchboard/routing';
import { LONG_STREAM_SNAPSHOTS, type OpenedConsultation } from '../../domain';
import { AgentCapacity } from '../command-context/agent-capacity.service';
import { ConsultationCommandRunner } from '../command-context/consultation-command.runner';
import { commandMetadata, type RequestContext } from '@switchboard/platform';
import { type ConsultationView, toConsultationView } from '../consultations-view/consultation.view';
import { AssignConsultationCommand } from './assign-consultation.command';

/**
 * Manual assignment by a supervisor: reason `{strategy: 'manual', candidates: [], winner}`.
 * Capacity is claimed on the agent stream first (AGENT_NOT_FOUND, AGENT_NOT_ONLINE,
 * AGENT_AT_CAPACITY), then the consultation is assigned (it must be pending), then it leaves
 * its queue so the router does not hand it out again.
 */
@CommandHandler(AssignConsultationCommand)
export class AssignConsultationHandler implements ICommandHandler<AssignConsultationCommand> {
  private readonly logger = new Logger(AssignConsultationHandler.name);

  constructor(
    private readonly runner: ConsultationCommandRunner,
    private readonly capacity: AgentCapacity,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({
    context,
    consultationId,
    body,
  }: AssignConsultationCommand): Promise<ConsultationView> {
    const { agentId } = body;
    const current = await this.runner.load(consultationId);
    const assign = () =>
      this.runner.run(consultationId, context, 'assign', (metadata) => ({
        type: 'assign',
        data: { agentId, reason: { strategy: 'manual', candidates: [], winner: agentId } },
        metadata,
      }));
    // Not pending: let the decider give its typed refusal without touching the agent.
    if (current.status !== 'pending') return toConsultationView(await assign());
    const state = await this.capacity.withSlot(agentId, consultationId, context, 'assign', assign);
    await this.leaveQueue(state, agentId, context);
    return toConsultationView(state);
  }

  private async leaveQueue(
    state: OpenedConsultation,
    agentId: string,
    context: RequestContext,
  ): Promise<void> {
    const key = routingKeyOf({
      consultationId: state.consultationId,
      domain: state.domain,
      group: state.group,
    });
    const metadata = commandMetadata(context, this.clock, `assign/dequeue/${state.consultationId}`);
    try {
      const dequeue = {
        type: 'dequeue' as const,
        data: { consultationId: state.consultationId, reason: 'assigned' as const, agentId },
        metadata,
      };
      await handleCommand(this.store, queueStreamId(key), queueDecider, dequeue, {
        snapshots: LONG_STREAM_SNAPSHOTS,
      });
    } catch (error) {
      if (error instanceof QueueEntryNotFoundError) return;
      this.logger.warn({ err: error, key }, 'Assigned manually but could not leave its queue');
    }
  }
}
