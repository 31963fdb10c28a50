import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Length, Matches } from 'class-validator';
import { NAME_RULE } from './faq-params.dto';

export class UpdateFaqEntryBody {
  @ApiProperty({ example: 'How do I get a refund?', maxLength: 500 })
  @IsString()
  @Length(1, 500)
  readonly question!: string;

  @ApiProperty({ example: 'Open My trips and choose Refund.', maxLength: 5000 })
  @IsString()
  @Length(1, 5000)
  readonly answer!: string;

  @ApiPropertyOptional({ type: [String], example: ['refund', 'money back'], maxItems: 50 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  readonly keywords?: string[];

  @ApiPropertyOptional({ type: [String], example: ['Can I get my money back?'], maxItems: 20 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 500, { each: true })
  readonly alternativeQuestions?: string[];
}

export class AddFaqEntryBody extends UpdateFaqEntryBody {
  @ApiPropertyOptional({
    example: 'refund',
    pattern: NAME_RULE.pattern.source,
    maxLength: 64,
    description: 'Default: a new UUID',
  })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  @Matches(NAME_RULE.pattern, { message: `entryId ${NAME_RULE.message}` })
  readonly entryId?: string;
}

export class FaqEntryView {
  @ApiProperty() readonly entryId!: string;
  @ApiProperty() readonly question!: string;
  @ApiProperty() readonly answer!: string;
  @ApiProperty({ type: [String] }) readonly keywords!: string[];
  @ApiProperty({ type: [String] }) readonly alternativeQuestions!: string[];
}
