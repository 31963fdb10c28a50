import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthUser, CurrentUser, Roles } from '@switchboard/platform';
import { ConversationSummaryDto } from '../views/message-view.dto';
import { ListConversationsQuery } from './list-conversations.query';

@ApiTags('conversations')
@Controller('v1/conversations')
export class ListConversationsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles('customer', 'agent', 'supervisor', 'admin')
  @ApiOperation({
    summary: "The caller's conversations with last seq and unread count",
    description: 'From a read model that follows the log; it may lag a write by milliseconds.',
  })
  @ApiOkResponse({ type: [ConversationSummaryDto] })
  list(@CurrentUser() actor: AuthUser): Promise<ConversationSummaryDto[]> {
    return this.queries.execute(new ListConversationsQuery(actor));
  }
}
