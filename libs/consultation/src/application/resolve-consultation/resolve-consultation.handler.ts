import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertCanResolve } from '../command-context/consultation-access.policy';
import { ConsultationCommandRunner } from '../command-context/consultation-command.runner';
import { type ConsultationView, toConsultationView } from '../consultations-view/consultation.view';
import { ResolveConsultationCommand } from './resolve-consultation.command';

@CommandHandler(ResolveConsultationCommand)
export class ResolveConsultationHandler implements ICommandHandler<ResolveConsultationCommand> {
  constructor(private readonly runner: ConsultationCommandRunner) {}

  async execute({
    context,
    consultationId,
  }: ResolveConsultationCommand): Promise<ConsultationView> {
    const state = await this.runner.run(
      consultationId,
      context,
      'resolve',
      (metadata) => ({
        type: 'resolve',
        data: { by: context.actor.userId },
        metadata,
      }),
      (state) => assertCanResolve(context.actor, state),
    );
    return toConsultationView(state);
  }
}
