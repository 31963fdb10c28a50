import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Length, Matches } from 'class-validator';
import { NAME_RULE } from './faq-params.dto';

export class UpdateCannedReplyBody {
  @ApiProperty({ example: 'Refund status', maxLength: 200 })
  @IsString()
  @Length(1, 200)
  readonly title!: string;

  @ApiProperty({ example: 'I have checked your refund: it is on its way.', maxLength: 5000 })
  @IsString()
  @Length(1, 5000)
  readonly text!: string;

  @ApiPropertyOptional({ type: [String], example: ['refund'], maxItems: 20 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 64, { each: true })
  readonly tags?: string[];
}

export class AddCannedReplyBody extends UpdateCannedReplyBody {
  @ApiPropertyOptional({
    example: 'refund-status',
    pattern: NAME_RULE.pattern.source,
    maxLength: 64,
    description: 'Default: a new UUID',
  })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  @Matches(NAME_RULE.pattern, { message: `replyId ${NAME_RULE.message}` })
  readonly replyId?: string;
}

export class CannedReplyView {
  @ApiProperty() readonly replyId!: string;
  @ApiProperty() readonly title!: string;
  @ApiProperty() readonly text!: string;
  @ApiProperty({ type: [String] }) readonly tags!: string[];
}

export class RankedCannedReplyView extends CannedReplyView {
  @ApiProperty({ description: 'MiniSearch score for the text; 0 = did not match' })
  readonly score!: number;
}
