import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ApiErrors,
  ApiIdempotencyKey,
  CallerContext,
  type RequestContext,
  Roles,
} from '@switchboard/platform';
import { ConversationViewDto } from '../views/message-view.dto';
import { CreateConversationCommand } from './create-conversation.command';
import { CreateConversationBody } from './create-conversation.dto';

@ApiTags('conversations')
@Controller('v1/conversations')
export class CreateConversationController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles('customer', 'agent', 'supervisor', 'admin')
  @ApiOperation({
    summary: 'Start a direct (2 members) or group (up to 500) conversation',
    description:
      'The caller joins as a member (owner of a group). Members default to role customer; only ' +
      'staff may declare agent, supervisor or admin.',
  })
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: ConversationViewDto })
  @ApiErrors(400, 403, 409)
  create(
    @CallerContext() context: RequestContext,
    @Body() body: CreateConversationBody,
  ): Promise<ConversationViewDto> {
    return this.commands.execute(new CreateConversationCommand(context, body));
  }
}
