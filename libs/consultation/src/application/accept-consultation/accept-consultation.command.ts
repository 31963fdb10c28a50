import { Command } from '@nestjs/cqrs';
import { type RequestContext } from '@switchboard/platform';
import { type ConsultationView } from '../consultations-view/consultation.view';

export class AcceptConsultationCommand extends Command<ConsultationView> {
  constructor(
    readonly context: RequestContext,
    readonly consultationId: string,
  ) {
    super();
  }
}
