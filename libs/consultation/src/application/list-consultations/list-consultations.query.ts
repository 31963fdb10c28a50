import { Query } from '@nestjs/cqrs';
import { type AuthUser } from '@switchboard/platform';
import { type ConsultationPage } from '../consultations-view/consultation.view';
import { type ListConsultationsQueryDto } from './list-consultations.dto';

export class ListConsultationsQuery extends Query<ConsultationPage> {
  constructor(
    readonly actor: AuthUser,
    readonly filter: ListConsultationsQueryDto,
  ) {
    super();
  }
}
