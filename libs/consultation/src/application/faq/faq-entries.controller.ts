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
import { ChangeFaqCommand } from './change-faq.command';
import { FaqCommandRunner } from './faq-command.runner';
import { AddFaqEntryBody, FaqEntryView, UpdateFaqEntryBody } from './faq-entry.dto';
import { FaqDomainParams, FaqEntryParams } from './faq-params.dto';
import { entryIn } from './faq-read.handlers';
import { GetFaqEntryQuery, ListFaqEntriesQuery } from './faq-read.queries';

@ApiTags('faq')
@Controller('v1/faq/:domain/entries')
export class FaqEntriesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly faq: FaqCommandRunner,
  ) {}

  @Post()
  @Roles('supervisor', 'admin')
  @ApiOperation({ summary: 'Add a FAQ entry to a domain' })
  @ApiCreatedResponse({ type: FaqEntryView })
  @ApiErrors(400, 409)
  async add(
    @CallerContext() context: RequestContext,
    @Param() { domain }: FaqDomainParams,
    @Body() body: AddFaqEntryBody,
  ): Promise<FaqEntryView> {
    const entryId = body.entryId ?? newFaqItemId('faq-entry', context);
    const state = await this.commands.execute(
      new ChangeFaqCommand(context, domain, {
        type: 'addFaqEntry',
        data: { ...body, domain, entryId },
      }),
    );
    return entryIn(state, entryId);
  }

  @Get()
  @Roles('agent', 'supervisor', 'admin')
  @ApiOperation({ summary: "A domain's FAQ entries" })
  @ApiOkResponse({ type: [FaqEntryView] })
  @ApiErrors(400)
  list(@Param() { domain }: FaqDomainParams): Promise<FaqEntryView[]> {
    return this.queries.execute(new ListFaqEntriesQuery(domain));
  }

  @Get(':entryId')
  @Roles('agent', 'supervisor', 'admin')
  @ApiOperation({ summary: 'One FAQ entry' })
  @ApiOkResponse({ type: FaqEntryView })
  @ApiErrors(400, 404)
  get(@Param() { domain, entryId }: FaqEntryParams): Promise<FaqEntryView> {
    return this.queries.execute(new GetFaqEntryQuery(domain, entryId));
  }

  @Put(':entryId')
  @Roles('supervisor', 'admin')
  @ApiOperation({ summary: 'Replace a FAQ entry (re-indexed for matching)' })
  @ApiOkResponse({ type: FaqEntryView })
  @ApiErrors(400, 404)
  async update(
    @CallerContext() context: RequestContext,
    @Param() { domain, entryId }: FaqEntryParams,
    @Body() body: UpdateFaqEntryBody,
  ): Promise<FaqEntryView> {
    const state = await this.commands.execute(
      new ChangeFaqCommand(context, domain, {
        type: 'updateFaqEntry',
        data: { ...body, domain, entryId },
      }),
    );
    return entryIn(state, entryId);
  }

  @Delete(':entryId')
  @HttpCode(204)
  @Roles('supervisor', 'admin')
  @ApiOperation({ summary: 'Remove a FAQ entry' })
  @ApiNoContentResponse()
  @ApiErrors(400, 404)
  async remove(
    @CallerContext() context: RequestContext,
    @Param() { domain, entryId }: FaqEntryParams,
  ): Promise<void> {
    await this.commands.execute(
      new ChangeFaqCommand(context, domain, { type: 'removeFaqEntry', data: { domain, entryId } }),
    );
  }
}
