import { Body, Controller, Delete, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { Matches } from 'class-validator';
import {
  ApiErrors,
  ApiIdempotencyKey,
  CallerContext,
  type RequestContext,
  Roles,
} from '@switchboard/platform';
import { MemberBody } from '../create-conversation/create-conversation.dto';
import {
  ConversationIdParams,
  CONVERSATION_ID_PATTERN,
  USER_ID_PATTERN,
} from '../views/conversation-id.params';
import { ConversationViewDto } from '../views/message-view.dto';
import { AddMemberCommand, RemoveMemberCommand } from './manage-members.commands';

export class MemberParams {
  @ApiProperty()
  @Matches(CONVERSATION_ID_PATTERN, { message: 'id must be 1-128 of A-Z a-z 0-9 . _ : -' })
  readonly id!: string;

  @ApiProperty()
  @Matches(USER_ID_PATTERN, { message: 'userId must be 1-128 of A-Z a-z 0-9 . _ : @ -' })
  readonly userId!: string;
}

@ApiTags('conversations')
@Controller('v1/conversations')
export class ManageMembersController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/members')
  @Roles('customer', 'agent', 'supervisor', 'admin')
  @ApiOperation({ summary: 'Add a member to a group (its owner and admins)' })
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: ConversationViewDto })
  @ApiErrors(400, 403, 404, 409)
  add(
    @CallerContext() context: RequestContext,
    @Param() params: ConversationIdParams,
    @Body() body: MemberBody,
  ): Promise<ConversationViewDto> {
    return this.commands.execute(new AddMemberCommand(context, params.id, body));
  }

  @Delete(':id/members/:userId')
  @Roles('customer', 'agent', 'supervisor', 'admin')
  @ApiOperation({ summary: 'Remove a member from a group (its owner and admins), or leave it' })
  @ApiOkResponse({ type: ConversationViewDto })
  @ApiErrors(400, 403, 404, 409)
  remove(
    @CallerContext() context: RequestContext,
    @Param() params: MemberParams,
  ): Promise<ConversationViewDto> {
    return this.commands.execute(new RemoveMemberCommand(context, params.id, params.userId));
  }
}
