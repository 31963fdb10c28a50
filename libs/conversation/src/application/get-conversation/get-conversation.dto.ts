import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class GetConversationQueryDto {
  @ApiPropertyOptional({
    minimum: 0,
    maximum: 30,
    description:
      'Seconds to wait for a conversation that does not exist yet (a consultation conversation ' +
      'is created a moment after the consultation opens)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(30)
  readonly wait?: number;
}
