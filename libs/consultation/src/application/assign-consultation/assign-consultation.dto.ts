import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { USER_ID_MESSAGE, USER_ID_PATTERN } from '../command-context/id-params.dto';

export class AssignConsultationBody {
  @ApiProperty({ example: 'agent-1', pattern: USER_ID_PATTERN.source, maxLength: 128 })
  @IsString()
  @Length(1, 128)
  @Matches(USER_ID_PATTERN, { message: `agentId ${USER_ID_MESSAGE}` })
  readonly agentId!: string;
}
