import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertCanReopen } from '../command-context/consultation-access.policy';
import { ConsultationCommandRunner } from '../command-context/consultation-command.runner';
import { type ConsultationView, toConsultationView } from '../consultations-view/consultation.view';
import { ReopenConsultationCommand } from './reopen-consultation.command';

@CommandHandler(ReopenConsultationCommand)
export class ReopenConsultationHandler implements ICommandHandler<ReopenConsultationCommand> {
  constructor(private readonly runner: ConsultationCommandRunner) {}

  async execute({ context, consultationId }: ReopenConsultationCommand): Promise<ConsultationView> {
    const state = await this.runner.run(
      consultationId,
      context,
      'reopen',
      (metadata) => ({ type: 'reopen', data: {}, metadata }),
      (state) => assertCanReopen(context.actor, state),
    );
    return toConsultationView(state);
  }
}
