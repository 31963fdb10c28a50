import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ApiErrors,
  ApiIdempotencyKey,
  CallerContext,
  type RequestContext,
  Roles,
} from '@switchboard/platform';
import { ConversationIdParams } from '../views/conversation-id.params';
import { MessageViewDto } from '../views/message-view.dto';
import { PostMessageCommand } from './post-message.command';
import { PostMessageBody } from './post-message.dto';

@ApiTags('conversations')
@Controller('v1/conversations')
export class PostMessageController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/messages')
  @Roles('customer', 'agent', 'supervisor', 'admin')
  @ApiOperation({
    summary: 'Send a message (members only)',
    description:
      'Answers once the append is durable. Repeating a clientMsgId answers with the original ' +
      'message and stores nothing. Moderation may mask the text or refuse it (MESSAGE_REJECTED).',
  })
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: MessageViewDto })
  @ApiErrors(400, 403, 404, 409)
  send(
    @CallerContext() context: RequestContext,
    @Param() params: ConversationIdParams,
    @Body() body: PostMessageBody,
  ): Promise<MessageViewDto> {
    return this.commands.execute(new PostMessageCommand(context, params.id, body));
  }
}
