import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ConsultationCommandRunner } from '../command-context/consultation-command.runner';
import { type ConsultationView, toConsultationView } from '../consultations-view/consultation.view';
import { AcceptConsultationCommand } from './accept-consultation.command';

@CommandHandler(AcceptConsultationCommand)
export class AcceptConsultationHandler implements ICommandHandler<AcceptConsultationCommand> {
  constructor(private readonly runner: ConsultationCommandRunner) {}

  async execute({ context, consultationId }: AcceptConsultationCommand): Promise<ConsultationView> {
    const state = await this.runner.run(consultationId, context, 'accept', (metadata) => ({
      type: 'accept',
      data: { agentId: context.actor.userId },
      metadata,
    }));
    return toConsultationView(state);
  }
}
