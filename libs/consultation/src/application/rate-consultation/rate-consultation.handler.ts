import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertCanRate } from '../command-context/consultation-access.policy';
import { ConsultationCommandRunner } from '../command-context/consultation-command.runner';
import { type ConsultationView, toConsultationView } from '../consultations-view/consultation.view';
import { RateConsultationCommand } from './rate-consultation.command';

@CommandHandler(RateConsultationCommand)
export class RateConsultationHandler implements ICommandHandler<RateConsultationCommand> {
  constructor(private readonly runner: ConsultationCommandRunner) {}

  async execute({
    context,
    consultationId,
    body,
  }: RateConsultationCommand): Promise<ConsultationView> {
    const state = await this.runner.run(
      consultationId,
      context,
      'rate',
      (metadata) => ({
        type: 'rate',
        data: {
          score: body.score,
          ...(body.comment === undefined ? {} : { comment: body.comment }),
        },
        metadata,
      }),
      (state) => assertCanRate(context.actor, state),
    );
    return toConsultationView(state);
  }
}
