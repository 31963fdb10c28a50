import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { DEFAULT_TIMELINE_LIMIT, MAX_TIMELINE_LIMIT } from './customer-views.queries';

/** What a token's `sub` may hold (the same shape as DevTokenRequest.userId). */
const USER_ID_PATTERN = /^[A-Za-z0-9._:@-]+$/;

export class CustomerIdParams {
  @ApiProperty({ example: 'customer-1', pattern: USER_ID_PATTERN.source, maxLength: 128 })
  @IsString()
  @Length(1, 128)
  @Matches(USER_ID_PATTERN, { message: 'customerId must hold letters, digits and . _ : @ -' })
  readonly customerId!: string;
}

export class TimelineQueryDto {
  @ApiPropertyOptional({
    description: '`nextBefore` of the previous page: entries older than its oldest entry',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,1024}$/, {
    message: 'before must be a nextBefore from a previous page',
  })
  readonly before?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_TIMELINE_LIMIT, default: DEFAULT_TIMELINE_LIMIT })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_TIMELINE_LIMIT)
  readonly limit?: number;
}
