import { Query } from '@nestjs/cqrs';
import { type AuthUser } from '@switchboard/platform';
import { type ConsultationView } from '../consultations-view/consultation.view';

export class GetConsultationQuery extends Query<ConsultationView> {
  constructor(
    readonly actor: AuthUser,
    readonly consultationId: string,
  ) {
    super();
  }
}
