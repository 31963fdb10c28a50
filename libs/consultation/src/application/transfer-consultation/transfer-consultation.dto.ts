import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsOptional,
  IsString,
  Length,
  Matches,
  registerDecorator,
  ValidateIf,
} from 'class-validator';
import { USER_ID_MESSAGE, USER_ID_PATTERN } from '../command-context/id-params.dto';
import { NAME_PATTERN } from '../open-consultation/open-consultation.dto';

/** On `group`: fails when `agentId` is given too (a transfer has one target). */
function NotWithAgentId(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'notWithAgentId',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: 'give agentId or group, not both' },
      validator: {
        validate: (_value: unknown, args) =>
          (args?.object as { agentId?: unknown }).agentId === undefined,
      },
    });
}

/** Exactly one of `agentId` (a new assignment awaiting accept) and `group` (back to a queue). */
export class TransferConsultationBody {
  @ApiPropertyOptional({ example: 'agent-2', description: 'Exactly one of agentId and group' })
  @ValidateIf(
    (body: TransferConsultationBody) => body.group === undefined || body.agentId !== undefined,
  )
  @IsString({ message: 'agentId or group is required' })
  @Length(1, 128)
  @Matches(USER_ID_PATTERN, { message: `agentId ${USER_ID_MESSAGE}` })
  readonly agentId?: string;

  @ApiPropertyOptional({ example: 'billing', description: 'Exactly one of agentId and group' })
  @ValidateIf(
    (body: TransferConsultationBody) => body.agentId === undefined || body.group !== undefined,
  )
  @IsString({ message: 'agentId or group is required' })
  @Length(1, 64)
  @Matches(NAME_PATTERN, { message: 'group may hold letters, digits and . _ : -' })
  @NotWithAgentId()
  readonly group?: string;

  @ApiPropertyOptional({
    maxLength: 500,
    description: 'Why; logged with the request (not yet stored on the event)',
  })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  readonly reason?: string;
}
