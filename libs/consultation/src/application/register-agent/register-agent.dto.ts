import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsNumber,
  IsOptional,
  IsPositive,
  IsString,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { USER_ID_MESSAGE, USER_ID_PATTERN } from '../command-context/id-params.dto';
import { NAME_PATTERN } from '../open-consultation/open-consultation.dto';

const NAMES_MESSAGE = 'each must hold 1-64 of letters, digits and . _ : -';

/** Property decorators shared by the register body and the update bodies. */
export const AgentFields = {
  capacity: (): PropertyDecorator[] => [IsInt(), Min(0), Max(1000)],
  names: (): PropertyDecorator[] => [
    IsArray(),
    ArrayMaxSize(50),
    IsString({ each: true }),
    Length(1, 64, { each: true }),
    Matches(NAME_PATTERN, { each: true, message: NAMES_MESSAGE }),
  ],
  weight: (): PropertyDecorator[] => [
    IsNumber({ allowNaN: false, allowInfinity: false }),
    IsPositive(),
    Max(1000),
  ],
};

function apply(decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => decorators.forEach((decorate) => decorate(target, key));
}

export const IsCapacity = (): PropertyDecorator => apply(AgentFields.capacity());
export const IsNames = (): PropertyDecorator => apply(AgentFields.names());
export const IsWeight = (): PropertyDecorator => apply(AgentFields.weight());

export class RegisterAgentBody {
  @ApiProperty({
    example: 'agent-1',
    description: "The agent's user id (the `sub` of their token)",
    pattern: USER_ID_PATTERN.source,
  })
  @IsString()
  @Length(1, 128)
  @Matches(USER_ID_PATTERN, { message: `agentId ${USER_ID_MESSAGE}` })
  readonly agentId!: string;

  @ApiPropertyOptional({ example: 'Ada', maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  readonly name?: string;

  @ApiProperty({
    minimum: 0,
    maximum: 1000,
    example: 5,
    description: 'Max concurrent consultations',
  })
  @IsCapacity()
  readonly capacity!: number;

  @ApiProperty({ type: [String], example: ['vip'] })
  @IsNames()
  readonly groups!: string[];

  @ApiProperty({ type: [String], example: ['refunds'] })
  @IsNames()
  readonly skills!: string[];

  @ApiProperty({ exclusiveMinimum: true, minimum: 0, maximum: 1000, example: 1 })
  @IsWeight()
  readonly weight!: number;
}
