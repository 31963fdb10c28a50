import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  ValidateIf,
} from 'class-validator';

export const CLIENT_MSG_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;
export const MAX_TEXT_LENGTH = 10_000;

/** Body of a send (REST) and, with `conversationId`, the `message.send` socket payload. */
export class PostMessageBody {
  @ApiProperty({ example: 'c-0001', pattern: CLIENT_MSG_ID_PATTERN.source })
  @IsString()
  @Matches(CLIENT_MSG_ID_PATTERN, { message: 'clientMsgId must be 1-128 of A-Z a-z 0-9 . _ : -' })
  readonly clientMsgId!: string;

  @ApiProperty({ enum: ['text', 'image', 'file'] })
  @IsIn(['text', 'image', 'file'])
  readonly type!: 'text' | 'image' | 'file';

  @ApiPropertyOptional({ maxLength: MAX_TEXT_LENGTH, description: 'Required for type text' })
  @ValidateIf((body: PostMessageBody) => body.type === 'text' || body.text !== undefined)
  @IsString()
  @Length(1, MAX_TEXT_LENGTH)
  readonly text?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Required for type image and file' })
  @ValidateIf((body: PostMessageBody) => body.type !== 'text' || body.attachmentId !== undefined)
  @IsUUID()
  readonly attachmentId?: string;

  @ApiPropertyOptional({ description: 'Internal note, staff only (agents, supervisors, admins)' })
  @IsOptional()
  @IsBoolean()
  readonly internal?: boolean;
}
