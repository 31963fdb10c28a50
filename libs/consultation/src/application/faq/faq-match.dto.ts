import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { RankedCannedReplyView } from './canned-reply.dto';

export class FaqMatchQuery {
  @ApiProperty({ example: 'I want my money back', maxLength: 2000 })
  @IsString()
  @Length(1, 2000)
  readonly text!: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 20, default: 5 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(20)
  readonly limit?: number;
}

export class FaqMatchView {
  @ApiProperty() readonly entryId!: string;
  @ApiProperty() readonly question!: string;
  @ApiProperty() readonly answer!: string;
  @ApiProperty({ description: 'MiniSearch (BM25) score: orders one query’s results' })
  readonly score!: number;
  @ApiProperty({ minimum: 0, maximum: 1, description: 'Normalised, comparable to the threshold' })
  readonly confidence!: number;
}

export class FaqMatchResponse {
  @ApiProperty({ type: [FaqMatchView] }) readonly matches!: FaqMatchView[];
  @ApiProperty({ type: FaqMatchView, nullable: true, description: 'Best match above threshold' })
  readonly autoAnswer!: FaqMatchView | null;
  @ApiProperty() readonly threshold!: number;
}

export class SuggestionsResponse {
  @ApiProperty({ type: [FaqMatchView] }) readonly faq!: FaqMatchView[];
  @ApiProperty({ type: [RankedCannedReplyView] }) readonly cannedReplies!: RankedCannedReplyView[];
}
