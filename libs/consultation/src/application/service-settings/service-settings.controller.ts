import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@switchboard/platform';
import { type AutoReplyTemplates, type BusinessHours } from '../../domain/service-hours';
import { ApiErrors } from '@switchboard/platform';
import { type RequestContext } from '@switchboard/platform';
import { ApiIdempotencyKey, CallerContext } from '@switchboard/platform';
import {
  GetServiceSettingsQuery,
  SetAutoRepliesCommand,
  SetBusinessHoursCommand,
} from './service-settings.command';
import { AutoRepliesBody, BusinessHoursBody, SettingsKeyParams } from './service-settings.dto';
import { ServiceSettingsView } from './service-settings.view';

/** Business hours and auto-reply templates per routing key (`group:<g>` or `domain:<d>`). */
@ApiTags('service-settings')
@Controller('v1/service-settings')
export class ServiceSettingsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Put(':key/business-hours')
  @Roles('supervisor', 'admin')
  @ApiOperation({
    summary: 'Replace the weekly schedule, time zone and holidays of a group or domain',
    description: 'Intervals may not cross midnight: an overnight shift is two intervals.',
  })
  @ApiIdempotencyKey()
  @ApiOkResponse({ type: ServiceSettingsView })
  @ApiErrors(400, 403)
  businessHours(
    @CallerContext() context: RequestContext,
    @Param() params: SettingsKeyParams,
    @Body() body: BusinessHoursBody,
  ): Promise<ServiceSettingsView> {
    const hours: BusinessHours = {
      timezone: body.timezone,
      weekly: { ...body.weekly },
      holidays: body.holidays.map((h) => ({
        date: h.date,
        ...(h.hours === undefined ? {} : { hours: h.hours }),
      })),
    };
    return this.commands.execute(new SetBusinessHoursCommand(context, params.key, hours));
  }

  @Put(':key/auto-replies')
  @Roles('supervisor', 'admin')
  @ApiOperation({
    summary:
      'Replace the greeting, queue message ({position}) and out-of-hours message ({nextOpening})',
  })
  @ApiIdempotencyKey()
  @ApiOkResponse({ type: ServiceSettingsView })
  @ApiErrors(400, 403)
  autoReplies(
    @CallerContext() context: RequestContext,
    @Param() params: SettingsKeyParams,
    @Body() body: AutoRepliesBody,
  ): Promise<ServiceSettingsView> {
    const templates: AutoReplyTemplates = {
      greeting: body.greeting,
      queueMessage: body.queueMessage,
      outOfHoursMessage: body.outOfHoursMessage,
    };
    return this.commands.execute(new SetAutoRepliesCommand(context, params.key, templates));
  }

  @Get(':key')
  @Roles('supervisor', 'admin')
  @ApiOperation({ summary: 'Business hours and auto replies of a group or domain' })
  @ApiOkResponse({ type: ServiceSettingsView })
  @ApiErrors(400, 403, 404)
  get(@Param() params: SettingsKeyParams): Promise<ServiceSettingsView> {
    return this.queries.execute(new GetServiceSettingsQuery(params.key));
  }
}
