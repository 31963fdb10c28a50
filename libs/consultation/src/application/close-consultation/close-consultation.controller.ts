import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@switchboard/platform';
import { ApiErrors } from '@switchboard/platform';
import { ConsultationIdParams } from '../command-context/id-params.dto';
import { type RequestContext } from '@switchboard/platform';
import { ApiIdempotencyKey, CallerContext } from '@switchboard/platform';
import { ConsultationView } from '../consultations-view/consultation.view';
import { CloseConsultationCommand } from './close-consultation.command';
import { CloseConsultationBody } from './close-consultation.dto';

@ApiTags('consultations')
@Controller('v1/consultations')
export class CloseConsultationController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/close')
  @HttpCode(200)
  @Roles('customer', 'agent', 'supervisor', 'admin')
  @ApiOperation({
    summary: 'Close a consultation',
    description: 'Customers: their own. Agents: those assigned to them. Supervisors, admins: any.',
  })
  @ApiIdempotencyKey()
  @ApiOkResponse({ type: ConsultationView })
  @ApiErrors(400, 403, 404, 409)
  close(
    @CallerContext() context: RequestContext,
    @Param() params: ConsultationIdParams,
    @Body() body: CloseConsultationBody,
  ): Promise<ConsultationView> {
    return this.commands.execute(new CloseConsultationCommand(context, params.id, body));
  }
}
