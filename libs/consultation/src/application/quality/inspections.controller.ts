import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@switchboard/platform';
import { ApiErrors } from '@switchboard/platform';
import { type RequestContext } from '@switchboard/platform';
import { ApiIdempotencyKey, CallerContext } from '@switchboard/platform';
import { type InspectionView, InspectionService } from './inspection.service';
import { ApplyScorecardBody, InspectionParams } from './quality.dto';
import { GetInspectionQuery } from './quality-read.queries';
import { InspectionResponse } from './quality.views';

/** Quality inspection of closed consultations (supervisors and admins). */
@ApiTags('quality')
@Controller('v1/qa/inspections')
@Roles('supervisor', 'admin')
export class InspectionsController {
  constructor(
    private readonly inspections: InspectionService,
    private readonly queries: QueryBus,
  ) {}

  @Post(':consultationId')
  @ApiOperation({
    summary: 'Apply a scorecard to a closed consultation',
    description:
      'One scorecard per template per consultation (QA_SCORECARD_ALREADY_APPLIED, 409). ' +
      'An open consultation is QA_CONSULTATION_NOT_CLOSED (409).',
  })
  @ApiCreatedResponse({ type: InspectionResponse })
  @ApiIdempotencyKey()
  @ApiErrors(400, 403, 404, 409)
  apply(
    @CallerContext() context: RequestContext,
    @Param() params: InspectionParams,
    @Body() body: ApplyScorecardBody,
  ): Promise<InspectionView> {
    return this.inspections.apply(context, params.consultationId, body);
  }

  @Get(':consultationId')
  @ApiOperation({ summary: 'Scorecards applied and automatic checks recorded' })
  @ApiOkResponse({ type: InspectionResponse })
  @ApiErrors(400, 403, 404)
  get(@Param() params: InspectionParams): Promise<InspectionView> {
    return this.queries.execute(new GetInspectionQuery(params.consultationId));
  }
}
