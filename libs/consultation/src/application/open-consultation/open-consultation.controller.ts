import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@switchboard/platform';
import { ApiErrors } from '@switchboard/platform';
import { ApiIdempotencyKey, CallerContext } from '@switchboard/platform';
import { type RequestContext } from '@switchboard/platform';
import { OpenConsultationCommand } from './open-consultation.command';
import { OpenConsultationBody, OpenConsultationResponse } from './open-consultation.dto';

@ApiTags('consultations')
@Controller('v1/consultations')
export class OpenConsultationController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles('customer')
  @ApiOperation({ summary: 'Open a consultation as the calling customer' })
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: OpenConsultationResponse })
  @ApiErrors(400)
  open(
    @CallerContext() context: RequestContext,
    @Body() body: OpenConsultationBody,
  ): Promise<OpenConsultationResponse> {
    return this.commands.execute(new OpenConsultationCommand(context, body));
  }
}
