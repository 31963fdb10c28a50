import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';

export class CloseConsultationBody {
  @ApiPropertyOptional({ example: 'Customer has no further questions', maxLength: 500 })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  readonly reason?: string;
}
