import { Command } from '@nestjs/cqrs';
import { type RequestContext } from '@switchboard/platform';
import { type ConsultationView } from '../consultations-view/consultation.view';
import { type CloseConsultationBody } from './close-consultation.dto';

export class CloseConsultationCommand extends Command<ConsultationView> {
  constructor(
    readonly context: RequestContext,
    readonly consultationId: string,
    readonly body: CloseConsultationBody,
  ) {
    super();
  }
}
