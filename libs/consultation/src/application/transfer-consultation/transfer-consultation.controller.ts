import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@switchboard/platform';
import { ApiErrors } from '@switchboard/platform';
import { ConsultationIdParams } from '../command-context/id-params.dto';
import { type RequestContext } from '@switchboard/platform';
import { ApiIdempotencyKey, CallerContext } from '@switchboard/platform';
import { ConsultationView } from '../consultations-view/consultation.view';
import { TransferConsultationCommand } from './transfer-consultation.command';
import { TransferConsultationBody } from './transfer-consultation.dto';

@ApiTags('consultations')
@Controller('v1/consultations')
export class TransferConsultationController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/transfer')
  @HttpCode(200)
  @Roles('agent', 'supervisor', 'admin')
  @ApiOperation({
    summary: 'Transfer an assigned consultation to another agent or to a group',
    description: 'Agents: those assigned to them. Supervisors, admins: any.',
  })
  @ApiIdempotencyKey()
  @ApiOkResponse({ type: ConsultationView })
  @ApiErrors(400, 403, 404, 409)
  transfer(
    @CallerContext() context: RequestContext,
    @Param() params: ConsultationIdParams,
    @Body() body: TransferConsultationBody,
  ): Promise<ConsultationView> {
    return this.commands.execute(new TransferConsultationCommand(context, params.id, body));
  }
}
