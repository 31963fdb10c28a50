import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

/** Conversation ids are UUIDs or the ids consultations mint; kept to a safe alphabet. */
export const CONVERSATION_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;
export const USER_ID_PATTERN = /^[A-Za-z0-9._:@-]{1,128}$/;

export class ConversationIdParams {
  @ApiProperty()
  @Matches(CONVERSATION_ID_PATTERN, { message: 'id must be 1-128 of A-Z a-z 0-9 . _ : -' })
  readonly id!: string;
}
