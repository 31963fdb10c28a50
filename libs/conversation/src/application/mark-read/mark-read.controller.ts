import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, CallerContext, type RequestContext, Roles } from '@switchboard/platform';
import { ConversationIdParams } from '../views/conversation-id.params';
import { MarkReadCommand } from './mark-read.command';
import { MarkReadBody, MarkReadResponse } from './mark-read.dto';

@ApiTags('conversations')
@Controller('v1/conversations')
export class MarkReadController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/read')
  @HttpCode(200)
  @Roles('customer', 'agent', 'supervisor', 'admin')
  @ApiOperation({ summary: "Move the caller's read cursor for one device (members only)" })
  @ApiOkResponse({ type: MarkReadResponse })
  @ApiErrors(400, 403, 404)
  read(
    @CallerContext() context: RequestContext,
    @Param() params: ConversationIdParams,
    @Body() body: MarkReadBody,
  ): Promise<MarkReadResponse> {
    return this.commands.execute(new MarkReadCommand(context, params.id, body.deviceId, body.seq));
  }
}
