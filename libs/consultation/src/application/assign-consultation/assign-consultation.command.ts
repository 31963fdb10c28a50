import { Command } from '@nestjs/cqrs';
import { type RequestContext } from '@switchboard/platform';
import { type ConsultationView } from '../consultations-view/consultation.view';
import { type AssignConsultationBody } from './assign-consultation.dto';

export class AssignConsultationCommand extends Command<ConsultationView> {
  constructor(
    readonly context: RequestContext,
    readonly consultationId: string,
    readonly body: AssignConsultationBody,
  ) {
    super();
  }
}
