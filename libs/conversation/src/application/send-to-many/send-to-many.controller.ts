import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, CallerContext, type RequestContext, Roles } from '@switchboard/platform';
import { SendToManyBody, SendToManyResponse } from './send-to-many.dto';
import { SendToManyCommand } from './send-to-many.command';

@ApiTags('conversations')
@Controller('v1/messages')
export class SendToManyController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles('customer', 'agent', 'supervisor', 'admin')
  @ApiOperation({
    summary: 'Send one message to up to 100 conversations',
    description: 'Answers per conversation: `{ok: true, message}` or `{ok: false, error}`.',
  })
  @ApiCreatedResponse({ type: SendToManyResponse })
  @ApiErrors(400)
  send(
    @CallerContext() context: RequestContext,
    @Body() body: SendToManyBody,
  ): Promise<SendToManyResponse> {
    return this.commands.execute(new SendToManyCommand(context, body));
  }
}
