import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, Matches } from 'class-validator';
import { PostMessageBody } from '../post-message/post-message.dto';
import { CONVERSATION_ID_PATTERN } from '../views/conversation-id.params';
import { MessageViewDto } from '../views/message-view.dto';

/** One message to several conversations (the exchange API's group send). */
export class SendToManyBody extends PostMessageBody {
  @ApiProperty({ type: [String], minItems: 1, maxItems: 100 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ArrayUnique()
  @Matches(CONVERSATION_ID_PATTERN, {
    each: true,
    message: 'each conversationId must be 1-128 of A-Z a-z 0-9 . _ : -',
  })
  readonly conversationIds!: string[];
}

export class SendErrorDto {
  @ApiProperty() readonly code!: string;
  @ApiProperty() readonly message!: string;
}

export class SendResultDto {
  @ApiProperty() readonly conversationId!: string;
  @ApiProperty() readonly ok!: boolean;
  @ApiProperty({ type: MessageViewDto, required: false }) readonly message?: MessageViewDto;
  @ApiProperty({ type: SendErrorDto, required: false }) readonly error?: SendErrorDto;
}

export class SendToManyResponse {
  @ApiProperty({ type: [SendResultDto] }) readonly results!: SendResultDto[];
}
