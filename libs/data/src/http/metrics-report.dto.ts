import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { MetricRow, MetricsQuery } from '../domain/metrics.types';
import { METRICS_BUCKETS, METRICS_DIMENSIONS } from './metrics-query.dto';

const count = (description: string) => ApiProperty({ type: Number, description });
const average = (description: string) => ApiProperty({ type: Number, nullable: true, description });

/** One bucket × one dimension key (OpenAPI shape of MetricRow; definitions: docs/metrics.md). */
export class MetricRowDto implements MetricRow {
  @ApiProperty({ format: 'date-time' }) readonly bucketStart!: string;
  @ApiProperty({ enum: METRICS_DIMENSIONS }) readonly dimension!: MetricRow['dimension'];
  @ApiProperty({ description: 'Agent id, group, domain, or `all`' }) readonly key!: string;
  @count('Consultations opened') readonly opened!: number;
  @count('Assignments') readonly assigned!: number;
  @count('Resolutions') readonly resolved!: number;
  @count('Closures') readonly closed!: number;
  @count('Closed before any assignment') readonly abandoned!: number;
  @count('Transfers') readonly transfers!: number;
  @count('Reopens') readonly reopened!: number;
  @average('ms') readonly firstResponseAvgMs!: number | null;
  @average('ms, business hours only') readonly firstResponseBusinessAvgMs!: number | null;
  @average('ms') readonly responseAvgMs!: number | null;
  @average('ms') readonly resolutionAvgMs!: number | null;
  @count('ms, summed across transfers') readonly handleTimeMs!: number;
  @average('ms') readonly queueWaitAvgMs!: number | null;
  @average('ms online (agent dimension)') readonly onlineMs!: number | null;
  @average('ms online with ≥ 1 consultation (agent dimension)') readonly occupiedMs!: number | null;
  @average('occupiedMs / onlineMs, 0..1') readonly occupancy!: number | null;
  @average('Time-weighted consultations held while online') readonly workloadAvg!: number | null;
  @count('Ratings') readonly ratings!: number;
  @average('Mean score 1..5') readonly csatAvg!: number | null;
  @average('Share of ratings 4 or 5, 0..1') readonly csatPositiveShare!: number | null;
  @count('Consultations followed by an order within the window') readonly conversions!: number;
  @count('Sum of converted orders, minor units') readonly conversionAmountMinor!: number;
  @average('conversions / opened, 0..1') readonly conversionRate!: number | null;
}

/** The query as the server ran it (UTC bounds, defaults filled in). */
export class MetricsQueryView implements Omit<
  MetricsQuery,
  'businessHours' | 'bucket' | 'dimension'
> {
  @ApiProperty({ format: 'date-time' }) readonly from!: string;
  @ApiProperty({ format: 'date-time' }) readonly to!: string;
  @ApiProperty({ enum: METRICS_BUCKETS }) readonly bucket!: MetricsQuery['bucket'];
  @ApiProperty({ enum: METRICS_DIMENSIONS }) readonly dimension!: MetricsQuery['dimension'];
  @ApiPropertyOptional() readonly agentId?: string;
  @ApiPropertyOptional() readonly group?: string;
  @ApiPropertyOptional() readonly domain?: string;
  @ApiProperty() readonly conversionWindowMs!: number;
  @ApiPropertyOptional() readonly timeZone?: string;
  @ApiPropertyOptional({ type: Object, description: 'The configured business-hours calendar' })
  readonly businessHours?: MetricsQuery['businessHours'];
}

export class MetricsReportDto {
  @ApiProperty({ type: MetricsQueryView }) readonly query!: MetricsQueryView;
  @ApiProperty({ type: [MetricRowDto] }) readonly rows!: MetricRowDto[];
}
