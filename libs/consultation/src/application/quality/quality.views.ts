import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** OpenAPI shapes of the quality read routes (the handlers return the folded state as is). */

export class CriterionView {
  @ApiProperty() readonly criterionId!: string;
  @ApiProperty() readonly label!: string;
  @ApiProperty({ description: 'Relative weight in the total' }) readonly weight!: number;
  @ApiProperty() readonly maxPoints!: number;
}

export class ScorecardTemplateView {
  @ApiProperty({ enum: ['defined'] }) readonly status!: 'defined';
  @ApiProperty() readonly templateId!: string;
  @ApiProperty() readonly name!: string;
  @ApiProperty({ description: 'Starts at 1; every update adds one' })
  readonly templateVersion!: number;
  @ApiProperty({ type: [CriterionView] }) readonly criteria!: CriterionView[];
}

export class ScoredCriterionView extends CriterionView {
  @ApiProperty() readonly points!: number;
  @ApiProperty({ type: String, nullable: true }) readonly note!: string | null;
}

export class ScorecardAppliedView {
  @ApiProperty() readonly consultationId!: string;
  @ApiProperty() readonly templateId!: string;
  @ApiProperty() readonly templateVersion!: number;
  @ApiProperty() readonly inspectorId!: string;
  @ApiProperty({ type: [ScoredCriterionView] }) readonly criteria!: ScoredCriterionView[];
  @ApiProperty({ minimum: 0, maximum: 100, description: 'Weighted total' })
  readonly total!: number;
  @ApiProperty({ format: 'date-time' }) readonly at!: string;
}

export class AutomaticChecksView {
  @ApiProperty() readonly consultationId!: string;
  @ApiProperty({ description: 'Id of the ConsultationClosed event these checks answer' })
  readonly triggerEventId!: string;
  @ApiProperty({ format: 'date-time', description: 'The close time' }) readonly at!: string;
  @ApiProperty() readonly slaSeconds!: number;
  @ApiProperty({ type: Number, nullable: true }) readonly firstResponseSeconds!: number | null;
  @ApiProperty({ type: Boolean, nullable: true })
  readonly firstResponseWithinSla!: boolean | null;
  @ApiProperty() readonly greetingSent!: boolean;
  @ApiPropertyOptional({
    oneOf: [{ type: 'boolean' }, { type: 'string', enum: ['not_available'] }],
    description: '`not_available` when the message texts were not known to this process',
  })
  readonly bannedWordsAbsent!: boolean | 'not_available';
}

export class InspectionResponse {
  @ApiProperty() readonly consultationId!: string;
  @ApiProperty({ type: [ScorecardAppliedView] }) readonly scorecards!: ScorecardAppliedView[];
  @ApiProperty({ type: [AutomaticChecksView] }) readonly automaticChecks!: AutomaticChecksView[];
}
