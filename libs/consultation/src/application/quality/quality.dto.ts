import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsNumber,
  IsOptional,
  IsPositive,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { MAX_CRITERIA } from '../../domain/quality';

const ID_PATTERN = /^[A-Za-z0-9._:-]{1,64}$/;
const ID_MESSAGE = 'must hold 1-64 of letters, digits and . _ : -';

export class CriterionBody {
  @ApiProperty({ example: 'greeting', pattern: ID_PATTERN.source })
  @Matches(ID_PATTERN, { message: `criterionId ${ID_MESSAGE}` })
  readonly criterionId!: string;

  @ApiProperty({ example: 'Greets the customer by name', maxLength: 200 })
  @IsString()
  @Length(1, 200)
  readonly label!: string;

  @ApiProperty({ example: 2, description: 'Share of the total; > 0' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsPositive()
  @Max(1000)
  readonly weight!: number;

  @ApiProperty({ example: 10, minimum: 1, maximum: 1000 })
  @IsInt()
  @Min(1)
  @Max(1000)
  readonly maxPoints!: number;
}

export class UpdateScorecardBody {
  @ApiProperty({ example: 'Standard service check', maxLength: 200 })
  @IsString()
  @Length(1, 200)
  readonly name!: string;

  @ApiProperty({ type: [CriterionBody], minItems: 1, maxItems: MAX_CRITERIA })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_CRITERIA)
  @ValidateNested({ each: true })
  @Type(() => CriterionBody)
  readonly criteria!: CriterionBody[];
}

export class DefineScorecardBody extends UpdateScorecardBody {
  @ApiProperty({ example: 'standard', pattern: ID_PATTERN.source })
  @Matches(ID_PATTERN, { message: `templateId ${ID_MESSAGE}` })
  readonly templateId!: string;
}

export class ScoreBody {
  @ApiProperty({ example: 'greeting' })
  @Matches(ID_PATTERN, { message: `criterionId ${ID_MESSAGE}` })
  readonly criterionId!: string;

  @ApiProperty({ example: 5, description: '0..maxPoints of the criterion' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1000)
  readonly points!: number;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  readonly note?: string;
}

export class ApplyScorecardBody {
  @ApiProperty({ example: 'standard' })
  @Matches(ID_PATTERN, { message: `templateId ${ID_MESSAGE}` })
  readonly templateId!: string;

  @ApiPropertyOptional({
    description: 'The template version the inspector saw; 409 when the template moved on',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  readonly templateVersion?: number;

  @ApiProperty({ type: [ScoreBody], description: 'One score per criterion of the template' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_CRITERIA)
  @ValidateNested({ each: true })
  @Type(() => ScoreBody)
  readonly scores!: ScoreBody[];
}

export class TemplateIdParams {
  @ApiProperty({ example: 'standard' })
  @Matches(ID_PATTERN, { message: `templateId ${ID_MESSAGE}` })
  readonly templateId!: string;
}

export class InspectionParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  readonly consultationId!: string;
}
