import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';

export const METRICS_BUCKETS = ['hour', 'day'] as const;
export const METRICS_DIMENSIONS = ['all', 'agent', 'group', 'domain'] as const;
export const METRICS_FORMATS = ['json', 'csv'] as const;
const USER_ID_PATTERN = /^[A-Za-z0-9._:@-]+$/;
const TIME_ZONE_PATTERN = /^[A-Za-z0-9_+/-]+$/;

/** Query of `GET /v1/metrics` and `GET /v1/metrics/export.csv`. */
export class MetricsQueryDto {
  @ApiProperty({
    example: '2026-12-01',
    description: 'Inclusive start, ISO-8601; without an offset it is read in timeZone',
  })
  @IsISO8601({ strict: true })
  readonly from!: string;

  @ApiProperty({
    example: '2026-12-08',
    description:
      'Exclusive end, after from: at most 93 days later (31 with bucket=hour); ' +
      'without an offset it is read in timeZone',
  })
  @IsISO8601({ strict: true })
  readonly to!: string;

  @ApiPropertyOptional({ enum: METRICS_BUCKETS, default: 'day' })
  @IsOptional()
  @IsIn(METRICS_BUCKETS)
  readonly bucket?: (typeof METRICS_BUCKETS)[number];

  @ApiPropertyOptional({
    enum: METRICS_DIMENSIONS,
    default: 'all',
    description: 'One row per bucket (all), or per bucket and agent / group / domain',
  })
  @IsOptional()
  @IsIn(METRICS_DIMENSIONS)
  readonly dimension?: (typeof METRICS_DIMENSIONS)[number];

  @ApiPropertyOptional({ description: 'Only this agent (agents must give their own id)' })
  @IsOptional()
  @Length(1, 128)
  @Matches(USER_ID_PATTERN, { message: 'agentId must hold letters, digits and . _ : @ -' })
  readonly agentId?: string;

  @ApiPropertyOptional({ description: 'Only this group' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  readonly group?: string;

  @ApiPropertyOptional({ description: 'Only this domain' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  readonly domain?: string;

  @ApiPropertyOptional({
    example: 'Europe/Berlin',
    default: 'UTC',
    description: 'IANA zone the buckets are cut in (a day starts at local midnight)',
  })
  @IsOptional()
  @Length(1, 64)
  @Matches(TIME_ZONE_PATTERN, { message: 'timeZone must be an IANA zone name' })
  readonly timeZone?: string;

  @ApiPropertyOptional({ enum: METRICS_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(METRICS_FORMATS)
  readonly format?: (typeof METRICS_FORMATS)[number];
}
