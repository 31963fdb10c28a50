import { Command } from '@nestjs/cqrs';
import { type RequestContext } from '@switchboard/platform';
import { type ConsultationView } from '../consultations-view/consultation.view';
import { type TransferConsultationBody } from './transfer-consultation.dto';

export class TransferConsultationCommand extends Command<ConsultationView> {
  constructor(
    readonly context: RequestContext,
    readonly consultationId: string,
    readonly body: TransferConsultationBody,
  ) {
    super();
  }
}
