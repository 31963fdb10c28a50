import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  type ConversationKind,
  type MessageType,
  type ParticipantRole,
} from '@switchboard/contracts';
import { type ConversationView, type MessageView } from './message.view';

/** OpenAPI shapes of the views (the interfaces in message.view.ts are the contract). */
export class AttachmentDto {
  @ApiProperty({ format: 'uuid' }) readonly id!: string;
  @ApiProperty() readonly name!: string;
  @ApiProperty() readonly mime!: string;
  @ApiProperty() readonly size!: number;
}

export class MessageViewDto implements MessageView {
  @ApiProperty({ format: 'uuid' }) readonly id!: string;
  @ApiProperty() readonly conversationId!: string;
  @ApiProperty({ minimum: 1 }) readonly seq!: number;
  @ApiProperty() readonly senderId!: string;
  @ApiProperty({ enum: ['customer', 'agent', 'supervisor', 'admin', 'system'] })
  readonly senderRole!: ParticipantRole;
  @ApiProperty() readonly clientMsgId!: string;
  @ApiProperty({ enum: ['text', 'image', 'file', 'system'] }) readonly type!: MessageType;
  @ApiPropertyOptional() readonly text?: string;
  @ApiPropertyOptional({ type: AttachmentDto }) readonly attachment?: AttachmentDto;
  @ApiProperty() readonly internal!: boolean;
  @ApiProperty({ format: 'date-time' }) readonly createdAt!: string;
}

export class MessagePageDto {
  @ApiProperty({ type: [MessageViewDto] }) readonly messages!: readonly MessageViewDto[];
  @ApiProperty({ description: 'More messages exist past this page' }) readonly more!: boolean;
}

export class MemberDto {
  @ApiProperty() readonly userId!: string;
  @ApiProperty({ enum: ['customer', 'agent', 'supervisor', 'admin'] })
  readonly role!: ParticipantRole;
  @ApiProperty({ enum: ['owner', 'admin', 'member'] }) readonly memberRole!:
    'owner' | 'admin' | 'member';
}

export class ConversationViewDto implements ConversationView {
  @ApiProperty() readonly id!: string;
  @ApiProperty({ enum: ['direct', 'group', 'consultation'] }) readonly kind!: ConversationKind;
  @ApiProperty({ nullable: true, type: String }) readonly domain!: string | null;
  @ApiProperty({ nullable: true, type: String }) readonly consultationId!: string | null;
  @ApiProperty({ type: [MemberDto] }) readonly members!: readonly MemberDto[];
  @ApiProperty() readonly lastSeq!: number;
  @ApiProperty() readonly closed!: boolean;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: 'userId → the furthest seq that user has read on any device (read receipts)',
  })
  readonly readBy!: Readonly<Record<string, number>>;
}

export class ConversationSummaryDto extends ConversationViewDto {
  @ApiProperty({ description: "Messages after the caller's furthest read cursor, not their own" })
  readonly unread!: number;
}
