import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@switchboard/platform';
import { ApiErrors } from '@switchboard/platform';
import { ConsultationIdParams } from '../command-context/id-params.dto';
import { type RequestContext } from '@switchboard/platform';
import { ApiIdempotencyKey, CallerContext } from '@switchboard/platform';
import { ConsultationView } from '../consultations-view/consultation.view';
import { RateConsultationCommand } from './rate-consultation.command';
import { RateConsultationBody } from './rate-consultation.dto';

@ApiTags('consultations')
@Controller('v1/consultations')
export class RateConsultationController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/rate')
  @HttpCode(200)
  @Roles('customer')
  @ApiOperation({
    summary: 'Rate your own resolved or closed consultation (once, 1-5)',
  })
  @ApiIdempotencyKey()
  @ApiOkResponse({ type: ConsultationView })
  @ApiErrors(400, 403, 404, 409)
  rate(
    @CallerContext() context: RequestContext,
    @Param() params: ConsultationIdParams,
    @Body() body: RateConsultationBody,
  ): Promise<ConsultationView> {
    return this.commands.execute(new RateConsultationCommand(context, params.id, body));
  }
}
