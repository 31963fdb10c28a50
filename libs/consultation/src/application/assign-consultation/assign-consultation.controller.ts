import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@switchboard/platform';
import { ApiErrors } from '@switchboard/platform';
import { ConsultationIdParams } from '../command-context/id-params.dto';
import { type RequestContext } from '@switchboard/platform';
import { ApiIdempotencyKey, CallerContext } from '@switchboard/platform';
import { ConsultationView } from '../consultations-view/consultation.view';
import { AssignConsultationCommand } from './assign-consultation.command';
import { AssignConsultationBody } from './assign-consultation.dto';

@ApiTags('consultations')
@Controller('v1/consultations')
export class AssignConsultationController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/assign')
  @HttpCode(200)
  @Roles('supervisor', 'admin')
  @ApiOperation({
    summary: 'Assign a pending consultation to an agent by hand',
    description:
      'Recorded with reason {strategy: "manual"}. The agent must be online with a free slot.',
  })
  @ApiIdempotencyKey()
  @ApiOkResponse({ type: ConsultationView })
  @ApiErrors(400, 403, 404, 409)
  assign(
    @CallerContext() context: RequestContext,
    @Param() params: ConsultationIdParams,
    @Body() body: AssignConsultationBody,
  ): Promise<ConsultationView> {
    return this.commands.execute(new AssignConsultationCommand(context, params.id, body));
  }
}
