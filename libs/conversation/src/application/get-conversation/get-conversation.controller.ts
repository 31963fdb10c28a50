import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, type AuthUser, CurrentUser, Roles } from '@switchboard/platform';
import { ConversationIdParams } from '../views/conversation-id.params';
import { ConversationViewDto } from '../views/message-view.dto';
import { GetConversationQueryDto } from './get-conversation.dto';
import { GetConversationQuery } from './get-conversation.query';

@ApiTags('conversations')
@Controller('v1/conversations')
export class GetConversationController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id')
  @Roles('customer', 'agent', 'supervisor', 'admin')
  @ApiOperation({ summary: 'One conversation (members; supervisors and admins see any)' })
  @ApiOkResponse({ type: ConversationViewDto })
  @ApiErrors(400, 403, 404)
  get(
    @CurrentUser() actor: AuthUser,
    @Param() params: ConversationIdParams,
    @Query() query: GetConversationQueryDto,
  ): Promise<ConversationViewDto> {
    return this.queries.execute(
      new GetConversationQuery(actor, params.id, { waitMs: (query.wait ?? 0) * 1000 }),
    );
  }
}
