import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@switchboard/platform';
import { ApiErrors } from '@switchboard/platform';
import { ConsultationIdParams, EmptyBody } from '../command-context/id-params.dto';
import { type RequestContext } from '@switchboard/platform';
import { ApiIdempotencyKey, CallerContext } from '@switchboard/platform';
import { ConsultationView } from '../consultations-view/consultation.view';
import { AcceptConsultationCommand } from './accept-consultation.command';

@ApiTags('consultations')
@Controller('v1/consultations')
export class AcceptConsultationController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/accept')
  @HttpCode(200)
  @Roles('agent')
  @ApiOperation({
    summary: 'Accept a consultation assigned to you',
    description:
      'Only the agent it is assigned to; anyone else gets 409 CONSULTATION_NOT_ASSIGNED_TO_AGENT (the same typed conflict as a lost accept race).',
  })
  @ApiIdempotencyKey()
  @ApiOkResponse({ type: ConsultationView })
  @ApiErrors(400, 403, 404, 409)
  accept(
    @CallerContext() context: RequestContext,
    @Param() params: ConsultationIdParams,
    @Body() _body: EmptyBody,
  ): Promise<ConsultationView> {
    return this.commands.execute(new AcceptConsultationCommand(context, params.id));
  }
}
