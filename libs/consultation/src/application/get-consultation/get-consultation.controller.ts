import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthUser, CurrentUser } from '@switchboard/platform';
import { ApiErrors } from '@switchboard/platform';
import { ConsultationIdParams } from '../command-context/id-params.dto';
import { ConsultationView } from '../consultations-view/consultation.view';
import { GetConsultationQuery } from './get-consultation.query';

@ApiTags('consultations')
@Controller('v1/consultations')
export class GetConsultationController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id')
  @ApiOperation({
    summary: 'One consultation',
    description:
      'Customers see their own; agents those assigned to them or in their groups; ' +
      'supervisors and admins all.',
  })
  @ApiOkResponse({ type: ConsultationView })
  @ApiErrors(400, 403, 404)
  get(
    @CurrentUser() actor: AuthUser,
    @Param() params: ConsultationIdParams,
  ): Promise<ConsultationView> {
    return this.queries.execute(new GetConsultationQuery(actor, params.id));
  }
}
