import { Command } from '@nestjs/cqrs';
import { type RequestContext } from '@switchboard/platform';
import { type ConsultationView } from '../consultations-view/consultation.view';
import { type RateConsultationBody } from './rate-consultation.dto';

export class RateConsultationCommand extends Command<ConsultationView> {
  constructor(
    readonly context: RequestContext,
    readonly consultationId: string,
    readonly body: RateConsultationBody,
  ) {
    super();
  }
}
