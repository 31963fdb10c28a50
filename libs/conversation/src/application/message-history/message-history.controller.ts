import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, type AuthUser, CurrentUser, Roles } from '@switchboard/platform';
import { ConversationIdParams } from '../views/conversation-id.params';
import { MessagePageDto } from '../views/message-view.dto';
import { MessageHistoryQueryDto } from './message-history.dto';
import { MessageHistoryQuery } from './message-history.query';

@ApiTags('conversations')
@Controller('v1/conversations')
export class MessageHistoryController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/messages')
  @Roles('customer', 'agent', 'supervisor', 'admin')
  @ApiOperation({
    summary: 'Message history, ascending by seq',
    description:
      '`afterSeq` pages forwards, `beforeSeq` backwards. With `wait` and `afterSeq` at the last ' +
      'message, waits up to `wait` seconds for the next one (long-polling).',
  })
  @ApiOkResponse({ type: MessagePageDto })
  @ApiErrors(400, 403, 404)
  history(
    @CurrentUser() actor: AuthUser,
    @Param() params: ConversationIdParams,
    @Query() query: MessageHistoryQueryDto,
  ): Promise<MessagePageDto> {
    return this.queries.execute(
      new MessageHistoryQuery(actor, params.id, {
        ...(query.afterSeq === undefined ? {} : { afterSeq: query.afterSeq }),
        ...(query.beforeSeq === undefined ? {} : { beforeSeq: query.beforeSeq }),
        ...(query.limit === undefined ? {} : { limit: query.limit }),
        waitMs: (query.wait ?? 0) * 1000,
      }),
    );
  }
}
