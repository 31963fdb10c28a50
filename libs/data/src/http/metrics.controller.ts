import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiErrors, type AuthUser, CurrentUser, Roles } from '@switchboard/platform';
import type { ServerResponse } from 'node:http';
import type { MetricsReport } from '../domain/metrics.types';
import { MetricsService } from '../infrastructure/metrics.service';
import { toMetricsQuery } from './metrics-query';
import { MetricsQueryDto } from './metrics-query.dto';
import { MetricsReportDto } from './metrics-report.dto';
import { metricsCsv } from './metrics.csv';

const FILTER_ERRORS =
  'VALIDATION_FAILED (field errors), METRICS_RANGE_INVALID, METRICS_RANGE_TOO_LONG, ' +
  'METRICS_TIME_ZONE_INVALID; 403 METRICS_FORBIDDEN when an agent asks for more than ' +
  'their own figures.';

/**
 * Metrics from the data service's read model (definitions: docs/metrics.md). Supervisors and
 * admins see everything; an agent sees only their own row of the agent dimension. Figures
 * follow the topics, so they may lag the log by the projector's delay.
 */
@ApiTags('metrics')
@Controller('v1/metrics')
@Roles('agent', 'supervisor', 'admin')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @ApiOperation({
    summary: 'Metrics per time bucket and agent / group / domain',
    description: `JSON {query, rows}; with format=csv the rows as text/csv. ${FILTER_ERRORS}`,
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: MetricsReportDto })
  @ApiErrors(400, 403)
  async report(
    @CurrentUser() actor: AuthUser,
    @Query() dto: MetricsQueryDto,
    @Res({ passthrough: true }) res: ServerResponse,
  ): Promise<MetricsReport | string> {
    const report = await this.metrics.report(toMetricsQuery(dto, actor, this.metrics.settings));
    return dto.format === 'csv' ? asCsv(report, res) : report;
  }

  @Get('export.csv')
  @ApiOperation({
    summary: 'The same rows as CSV (RFC 4180, a header row of every field)',
    description: `Cells a spreadsheet would run as a formula start with '. ${FILTER_ERRORS}`,
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'text/csv', schema: { type: 'string' } })
  @ApiErrors(400, 403)
  async export(
    @CurrentUser() actor: AuthUser,
    @Query() dto: MetricsQueryDto,
    @Res({ passthrough: true }) res: ServerResponse,
  ): Promise<string> {
    const report = await this.metrics.report(toMetricsQuery(dto, actor, this.metrics.settings));
    return asCsv(report, res);
  }
}

function asCsv(report: MetricsReport, res: ServerResponse): string {
  const { from, to, bucket, dimension } = report.query;
  const name = `metrics-${dimension}-${bucket}-${from.slice(0, 10)}-${to.slice(0, 10)}.csv`;
  res.setHeader('Content-Type', 'text/csv; charset=utf-8; header=present');
  res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
  return metricsCsv(report.rows);
}
