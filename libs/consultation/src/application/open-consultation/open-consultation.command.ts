import { Command } from '@nestjs/cqrs';
import { type RequestContext } from '@switchboard/platform';
import { type OpenConsultationBody, type OpenConsultationResponse } from './open-consultation.dto';

export class OpenConsultationCommand extends Command<OpenConsultationResponse> {
  constructor(
    readonly context: RequestContext,
    readonly body: OpenConsultationBody,
  ) {
    super();
  }
}
