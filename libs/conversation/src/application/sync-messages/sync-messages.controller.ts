import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, type AuthUser, CurrentUser, Roles } from '@switchboard/platform';
import { SyncMessagesBody, SyncMessagesResponse } from './sync-messages.dto';
import { SyncMessagesQuery } from './sync-messages.query';

@ApiTags('conversations')
@Controller('v1/conversations')
export class SyncMessagesController {
  constructor(private readonly queries: QueryBus) {}

  @Post('sync')
  @HttpCode(200)
  @Roles('customer', 'agent', 'supervisor', 'admin')
  @ApiOperation({
    summary: 'Everything missed after each cursor (the long-poll fallback with `wait`)',
    description:
      'Members only (supervisors and admins read any); customers never get internal notes.',
  })
  @ApiOkResponse({ type: SyncMessagesResponse })
  @ApiErrors(400, 403, 404)
  sync(
    @CurrentUser() actor: AuthUser,
    @Body() body: SyncMessagesBody,
  ): Promise<SyncMessagesResponse> {
    return this.queries.execute(
      new SyncMessagesQuery(actor, body.cursors, {
        ...(body.limit === undefined ? {} : { limit: body.limit }),
        waitMs: (body.wait ?? 0) * 1000,
      }),
    );
  }
}
