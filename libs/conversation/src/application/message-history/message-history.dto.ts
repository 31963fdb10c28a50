import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class MessageHistoryQueryDto {
  @ApiPropertyOptional({ minimum: 0, description: 'Messages after this seq' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  readonly afterSeq?: number;

  @ApiPropertyOptional({ minimum: 1, description: 'The last `limit` messages before this seq' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  readonly beforeSeq?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  readonly limit?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 30, description: 'Seconds to wait at the head' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(30)
  readonly wait?: number;
}
