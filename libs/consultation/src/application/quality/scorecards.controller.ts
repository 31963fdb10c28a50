import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@switchboard/platform';
import { ApiErrors } from '@switchboard/platform';
import { type RequestContext } from '@switchboard/platform';
import { ApiIdempotencyKey, CallerContext } from '@switchboard/platform';
import { DefineScorecardBody, TemplateIdParams, UpdateScorecardBody } from './quality.dto';
import { GetScorecardQuery } from './quality-read.queries';
import { ScorecardTemplateView } from './quality.views';
import { type ScorecardTemplate, ScorecardService } from './scorecard.service';

/** Scorecard templates (supervisors and admins): weighted criteria, versioned on update. */
@ApiTags('quality')
@Controller('v1/qa/scorecards')
@Roles('supervisor', 'admin')
export class ScorecardsController {
  constructor(
    private readonly scorecards: ScorecardService,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Define a scorecard template (version 1)' })
  @ApiCreatedResponse({ type: ScorecardTemplateView })
  @ApiIdempotencyKey()
  @ApiErrors(400, 403, 409)
  define(
    @CallerContext() context: RequestContext,
    @Body() body: DefineScorecardBody,
  ): Promise<ScorecardTemplate> {
    return this.scorecards.define(context, body);
  }

  @Put(':templateId')
  @HttpCode(200)
  @ApiOperation({ summary: 'Replace name and criteria; the template gets the next version' })
  @ApiOkResponse({ type: ScorecardTemplateView })
  @ApiIdempotencyKey()
  @ApiErrors(400, 403, 404)
  update(
    @CallerContext() context: RequestContext,
    @Param() params: TemplateIdParams,
    @Body() body: UpdateScorecardBody,
  ): Promise<ScorecardTemplate> {
    return this.scorecards.update(context, { ...body, templateId: params.templateId });
  }

  @Get(':templateId')
  @ApiOperation({ summary: 'One scorecard template, current version' })
  @ApiOkResponse({ type: ScorecardTemplateView })
  @ApiErrors(400, 403, 404)
  get(@Param() params: TemplateIdParams): Promise<ScorecardTemplate> {
    return this.queries.execute(new GetScorecardQuery(params.templateId));
  }
}
