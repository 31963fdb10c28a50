import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Roles } from '@switchboard/platform';
import { ApiErrors } from '@switchboard/platform';
import { CallerContext } from '@switchboard/platform';
import { type RequestContext } from '@switchboard/platform';
import { newFaqItemId } from './faq-item-id';
import { AddCannedReplyBody, CannedReplyView, UpdateCannedReplyBody } from './canned-reply.dto';
import { ChangeFaqCommand } from './change-faq.command';
import { FaqCommandRunner } from './faq-command.runner';
import { CannedReplyParams, FaqDomainParams } from './faq-params.dto';
import { replyIn } from './faq-read.handlers';
import { GetCannedReplyQuery, ListCannedRepliesQuery } from './faq-read.queries';

@ApiTags('canned-replies')
@Controller('v1/canned-replies/:domain')
export class CannedRepliesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly faq: FaqCommandRunner,
  ) {}

  @Post()
  @Roles('supervisor', 'admin')
  @ApiOperation({ summary: 'Add a canned reply to a domain' })
  @ApiCreatedResponse({ type: CannedReplyView })
  @ApiErrors(400, 409)
  async add(
    @CallerContext() context: RequestContext,
    @Param() { domain }: FaqDomainParams,
    @Body() body: AddCannedReplyBody,
  ): Promise<CannedReplyView> {
    const replyId = body.replyId ?? newFaqItemId('canned-reply', context);
    const state = await this.commands.execute(
      new ChangeFaqCommand(context, domain, {
        type: 'addCannedReply',
        data: { ...body, domain, replyId },
      }),
    );
    return replyIn(state, replyId);
  }

  @Get()
  @Roles('agent', 'supervisor', 'admin')
  @ApiOperation({ summary: "A domain's canned replies" })
  @ApiOkResponse({ type: [CannedReplyView] })
  @ApiErrors(400)
  list(@Param() { domain }: FaqDomainParams): Promise<CannedReplyView[]> {
    return this.queries.execute(new ListCannedRepliesQuery(domain));
  }

  @Get(':replyId')
  @Roles('agent', 'supervisor', 'admin')
  @ApiOperation({ summary: 'One canned reply' })
  @ApiOkResponse({ type: CannedReplyView })
  @ApiErrors(400, 404)
  get(@Param() { domain, replyId }: CannedReplyParams): Promise<CannedReplyView> {
    return this.queries.execute(new GetCannedReplyQuery(domain, replyId));
  }

  @Put(':replyId')
  @Roles('supervisor', 'admin')
  @ApiOperation({ summary: 'Replace a canned reply' })
  @ApiOkResponse({ type: CannedReplyView })
  @ApiErrors(400, 404)
  async update(
    @CallerContext() context: RequestContext,
    @Param() { domain, replyId }: CannedReplyParams,
    @Body() body: UpdateCannedReplyBody,
  ): Promise<CannedReplyView> {
    const state = await this.commands.execute(
      new ChangeFaqCommand(context, domain, {
        type: 'updateCannedReply',
        data: { ...body, domain, replyId },
      }),
    );
    return replyIn(state, replyId);
  }

  @Delete(':replyId')
  @HttpCode(204)
  @Roles('supervisor', 'admin')
  @ApiOperation({ summary: 'Remove a canned reply' })
  @ApiNoContentResponse()
  @ApiErrors(400, 404)
  async remove(
    @CallerContext() context: RequestContext,
    @Param() { domain, replyId }: CannedReplyParams,
  ): Promise<void> {
    await this.commands.execute(
      new ChangeFaqCommand(context, domain, {
        type: 'removeCannedReply',
        data: { domain, replyId },
      }),
    );
  }
}
