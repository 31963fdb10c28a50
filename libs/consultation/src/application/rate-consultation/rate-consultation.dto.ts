import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';

export class RateConsultationBody {
  @ApiProperty({ minimum: 1, maximum: 5, example: 5 })
  @IsInt()
  @Min(1)
  @Max(5)
  readonly score!: number;

  @ApiPropertyOptional({ example: 'Quick and friendly', maxLength: 2000 })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  readonly comment?: string;
}
