import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertCanClose } from '../command-context/consultation-access.policy';
import { ConsultationCommandRunner } from '../command-context/consultation-command.runner';
import { type ConsultationView, toConsultationView } from '../consultations-view/consultation.view';
import { CloseConsultationCommand } from './close-consultation.command';

/** Staff close as `agent` (the domain knows agent, customer and system). */
@CommandHandler(CloseConsultationCommand)
export class CloseConsultationHandler implements ICommandHandler<CloseConsultationCommand> {
  constructor(private readonly runner: ConsultationCommandRunner) {}

  async execute({
    context,
    consultationId,
    body,
  }: CloseConsultationCommand): Promise<ConsultationView> {
    const by = context.actor.role === 'customer' ? 'customer' : 'agent';
    const state = await this.runner.run(
      consultationId,
      context,
      'close',
      (metadata) => ({
        type: 'close',
        data: { by, reason: body.reason ?? `closed_by_${context.actor.role}` },
        metadata,
      }),
      (state) => assertCanClose(context.actor, state),
    );
    return toConsultationView(state);
  }
}
