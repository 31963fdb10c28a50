import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { USER_ID_MESSAGE, USER_ID_PATTERN } from '../command-context/id-params.dto';

export const CONSULTATION_STATES = ['pending', 'assigned', 'resolved', 'closed'] as const;

export class ListConsultationsQueryDto {
  @ApiPropertyOptional({ enum: CONSULTATION_STATES })
  @IsOptional()
  @IsIn(CONSULTATION_STATES)
  readonly state?: (typeof CONSULTATION_STATES)[number];

  @ApiPropertyOptional({ description: 'The agent holding it' })
  @IsOptional()
  @Length(1, 128)
  @Matches(USER_ID_PATTERN, { message: `agentId ${USER_ID_MESSAGE}` })
  readonly agentId?: string;

  @ApiPropertyOptional({ description: 'Customers only ever see their own, whatever this says' })
  @IsOptional()
  @Length(1, 128)
  @Matches(USER_ID_PATTERN, { message: `customerId ${USER_ID_MESSAGE}` })
  readonly customerId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 64)
  readonly domain?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 64)
  readonly group?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  readonly limit?: number;

  @ApiPropertyOptional({ description: '`nextCursor` of the previous page' })
  @IsOptional()
  @Matches(/^[1-9][0-9]{0,15}$/, { message: 'cursor must be a nextCursor from a previous page' })
  readonly cursor?: string;
}
