import { Logger } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type TransferTarget } from '../../domain';
import { AgentCapacity } from '../command-context/agent-capacity.service';
import { assertCanTransfer } from '../command-context/consultation-access.policy';
import { ConsultationCommandRunner } from '../command-context/consultation-command.runner';
import { type ConsultationView, toConsultationView } from '../consultations-view/consultation.view';
import { TransferConsultationCommand } from './transfer-consultation.command';

/**
 * To an agent: claim a slot on that agent first (as a manual assignment does), then transfer.
 * To a group: the consultation goes back to pending for that group's queue. Releasing the
 * previous agent's slot follows from ConsultationTransferred (routing runtime).
 */
@CommandHandler(TransferConsultationCommand)
export class TransferConsultationHandler implements ICommandHandler<TransferConsultationCommand> {
  private readonly logger = new Logger(TransferConsultationHandler.name);

  constructor(
    private readonly runner: ConsultationCommandRunner,
    private readonly capacity: AgentCapacity,
  ) {}

  async execute({
    context,
    consultationId,
    body,
  }: TransferConsultationCommand): Promise<ConsultationView> {
    const to: TransferTarget =
      body.agentId !== undefined ? { agentId: body.agentId } : { group: body.group as string };
    if (body.reason !== undefined) {
      this.logger.log({ consultationId, to, reason: body.reason }, 'Transfer requested');
    }
    const transfer = () =>
      this.runner.run(
        consultationId,
        context,
        'transfer',
        (metadata) => ({ type: 'transfer', data: { to, by: context.actor.userId }, metadata }),
        (state) => assertCanTransfer(context.actor, state),
      );
    if (!('agentId' in to)) return toConsultationView(await transfer());
    // Check the caller and the state before touching the target agent's capacity.
    const current = await this.runner.load(consultationId);
    assertCanTransfer(context.actor, current);
    if (current.status !== 'assigned' || current.assignedAgentId === to.agentId) {
      return toConsultationView(await transfer());
    }
    const state = await this.capacity.withSlot(
      to.agentId,
      consultationId,
      context,
      'transfer',
      transfer,
    );
    return toConsultationView(state);
  }
}
