import { Command } from '@nestjs/cqrs';
import { type RequestContext } from '@switchboard/platform';
import { type ConsultationView } from '../consultations-view/consultation.view';

export class ResolveConsultationCommand extends Command<ConsultationView> {
  constructor(
    readonly context: RequestContext,
    readonly consultationId: string,
  ) {
    super();
  }
}
