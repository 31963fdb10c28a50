import { OpenConsultationBody } from '@switchboard/consultation/application/open-consultation/open-consultation.dto';
import { RateConsultationBody } from '@switchboard/consultation/application/rate-consultation/rate-consultation.dto';
import { PostMessageBody } from '@switchboard/conversation/application/post-message/post-message.dto';
import { IDEMPOTENCY_KEY_MESSAGE, IDEMPOTENCY_KEY_PATTERN } from '@switchboard/platform';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

/**
 * Socket payloads (DESIGN: public contracts v1). They reuse the REST bodies where one exists, so
 * both edges accept exactly the same input.
 */
export const CONVERSATION_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;
const CONVERSATION_ID_MESSAGE = 'conversationId must be 1-128 of A-Z a-z 0-9 . _ : -';
export const MAX_SYNC_CURSORS = 200;
export const MAX_SYNC_LIMIT = 1000;

/** `message.send`: a REST send body plus the conversation it goes to. */
export class MessageSendPayload extends PostMessageBody {
  @IsString()
  @Matches(CONVERSATION_ID_PATTERN, { message: CONVERSATION_ID_MESSAGE })
  readonly conversationId!: string;
}

export class SyncCursorPayload {
  @IsString()
  @Matches(CONVERSATION_ID_PATTERN, { message: CONVERSATION_ID_MESSAGE })
  readonly conversationId!: string;

  @IsInt()
  @Min(0)
  readonly afterSeq!: number;
}

/** `conversation.sync`: everything after each cursor. */
export class ConversationSyncPayload {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_SYNC_CURSORS)
  @ValidateNested({ each: true })
  @Type(() => SyncCursorPayload)
  readonly cursors!: SyncCursorPayload[];

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_SYNC_LIMIT)
  readonly limit?: number;
}

/** `conversation.read`: moves this device's read cursor. */
export class ConversationReadPayload {
  @IsString()
  @Matches(CONVERSATION_ID_PATTERN, { message: CONVERSATION_ID_MESSAGE })
  readonly conversationId!: string;

  @IsInt()
  @Min(0)
  readonly seq!: number;
}

/** `typing`: relayed to the other members and the typist's other devices. */
export class TypingPayload {
  @IsString()
  @Matches(CONVERSATION_ID_PATTERN, { message: CONVERSATION_ID_MESSAGE })
  readonly conversationId!: string;

  @IsBoolean()
  readonly typing!: boolean;
}

/**
 * `consultation.open`: the REST open body plus the client's `requestId`, the socket's
 * Idempotency-Key: a repeat with the same id (same customer) opens nothing more and answers
 * the same consultation, so a client may retry an open whose answer it never got.
 */
export class ConsultationOpenPayload extends OpenConsultationBody {
  @IsOptional()
  @IsString()
  @Matches(IDEMPOTENCY_KEY_PATTERN, { message: `requestId ${IDEMPOTENCY_KEY_MESSAGE}` })
  readonly requestId?: string;
}

/** `consultation.rate`: the REST rate body plus the consultation's id. */
export class ConsultationRatePayload extends RateConsultationBody {
  @IsUUID()
  readonly consultationId!: string;
}
