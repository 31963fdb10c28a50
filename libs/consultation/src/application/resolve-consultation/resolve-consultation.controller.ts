import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@switchboard/platform';
import { ApiErrors } from '@switchboard/platform';
import { ConsultationIdParams, EmptyBody } from '../command-context/id-params.dto';
import { type RequestContext } from '@switchboard/platform';
import { ApiIdempotencyKey, CallerContext } from '@switchboard/platform';
import { ConsultationView } from '../consultations-view/consultation.view';
import { ResolveConsultationCommand } from './resolve-consultation.command';

@ApiTags('consultations')
@Controller('v1/consultations')
export class ResolveConsultationController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/resolve')
  @HttpCode(200)
  @Roles('agent')
  @ApiOperation({ summary: 'Resolve a consultation assigned to you (after accepting it)' })
  @ApiIdempotencyKey()
  @ApiOkResponse({ type: ConsultationView })
  @ApiErrors(400, 403, 404, 409)
  resolve(
    @CallerContext() context: RequestContext,
    @Param() params: ConsultationIdParams,
    @Body() _body: EmptyBody,
  ): Promise<ConsultationView> {
    return this.commands.execute(new ResolveConsultationCommand(context, params.id));
  }
}
