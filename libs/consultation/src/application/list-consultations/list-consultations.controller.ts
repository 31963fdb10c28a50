import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthUser, CurrentUser } from '@switchboard/platform';
import { ApiErrors } from '@switchboard/platform';
import { ConsultationPage } from '../consultations-view/consultation.view';
import { ListConsultationsQueryDto } from './list-consultations.dto';
import { ListConsultationsQuery } from './list-consultations.query';

@ApiTags('consultations')
@Controller('v1/consultations')
export class ListConsultationsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({
    summary: 'List consultations, newest first',
    description:
      'Customers list only their own; agents what they may see; supervisors and admins all. ' +
      'Served from a read model that follows the log, so it may lag a write by milliseconds.',
  })
  @ApiOkResponse({ type: ConsultationPage })
  @ApiErrors(400)
  list(
    @CurrentUser() actor: AuthUser,
    @Query() filter: ListConsultationsQueryDto,
  ): Promise<ConsultationPage> {
    return this.queries.execute(new ListConsultationsQuery(actor, filter));
  }
}
