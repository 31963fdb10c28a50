import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';

/** Domains and FAQ ids: the same shape as a consultation's domain. */
export const FAQ_NAME_PATTERN = /^[A-Za-z0-9._:-]+$/;
const NAME_MESSAGE = 'may hold letters, digits and . _ : -';

export class FaqDomainParams {
  @ApiProperty({ example: 'travel', pattern: FAQ_NAME_PATTERN.source, maxLength: 64 })
  @IsString()
  @Length(1, 64)
  @Matches(FAQ_NAME_PATTERN, { message: `domain ${NAME_MESSAGE}` })
  readonly domain!: string;
}

export class FaqEntryParams extends FaqDomainParams {
  @ApiProperty({ example: 'refund', pattern: FAQ_NAME_PATTERN.source, maxLength: 64 })
  @IsString()
  @Length(1, 64)
  @Matches(FAQ_NAME_PATTERN, { message: `entryId ${NAME_MESSAGE}` })
  readonly entryId!: string;
}

export class CannedReplyParams extends FaqDomainParams {
  @ApiProperty({ example: 'greeting', pattern: FAQ_NAME_PATTERN.source, maxLength: 64 })
  @IsString()
  @Length(1, 64)
  @Matches(FAQ_NAME_PATTERN, { message: `replyId ${NAME_MESSAGE}` })
  readonly replyId!: string;
}

export const NAME_RULE = { pattern: FAQ_NAME_PATTERN, message: NAME_MESSAGE };
