import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsOptional,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { CONVERSATION_ID_PATTERN } from '../views/conversation-id.params';
import { MessageViewDto } from '../views/message-view.dto';
import { MAX_SYNC_LIMIT } from './sync-messages.handler';

export class SyncCursorDto {
  @ApiProperty()
  @Matches(CONVERSATION_ID_PATTERN, {
    message: 'conversationId must be 1-128 of A-Z a-z 0-9 . _ : -',
  })
  readonly conversationId!: string;

  @ApiProperty({ minimum: 0, description: 'Last seq the client holds (0 = none)' })
  @IsInt()
  @Min(0)
  readonly afterSeq!: number;
}

export class SyncMessagesBody {
  @ApiProperty({ type: [SyncCursorDto], minItems: 1, maxItems: 200 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => SyncCursorDto)
  readonly cursors!: SyncCursorDto[];

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_SYNC_LIMIT, default: 200 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_SYNC_LIMIT)
  readonly limit?: number;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 30,
    description: 'Seconds to wait when nothing is new',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(30)
  readonly wait?: number;
}

export class SyncMessagesResponse {
  @ApiProperty({ type: [MessageViewDto] }) readonly messages!: readonly MessageViewDto[];
  @ApiProperty() readonly more!: boolean;
}
