import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsOptional,
  Matches,
  ValidateNested,
} from 'class-validator';
import { USER_ID_PATTERN } from '../views/conversation-id.params';

export const DECLARABLE_ROLES = ['customer', 'agent', 'supervisor', 'admin'] as const;
const USER_ID_MESSAGE = 'userId must be 1-128 of A-Z a-z 0-9 . _ : @ -';

export class NewMemberDto {
  @ApiProperty()
  @Matches(USER_ID_PATTERN, { message: USER_ID_MESSAGE })
  readonly userId!: string;

  @ApiPropertyOptional({
    enum: DECLARABLE_ROLES,
    default: 'customer',
    description: 'Platform role; only staff creators may declare one other than customer',
  })
  @IsOptional()
  @IsIn(DECLARABLE_ROLES)
  readonly role?: (typeof DECLARABLE_ROLES)[number];

  @ApiPropertyOptional({ enum: ['admin', 'member'], default: 'member', description: 'Groups only' })
  @IsOptional()
  @IsIn(['admin', 'member'])
  readonly memberRole?: 'admin' | 'member';
}

export class CreateConversationBody {
  @ApiProperty({ enum: ['direct', 'group'] })
  @IsIn(['direct', 'group'])
  readonly kind!: 'direct' | 'group';

  @ApiProperty({
    type: [NewMemberDto],
    description: 'The others: the creator joins by themself (as the owner of a group)',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(499)
  @ValidateNested({ each: true })
  @Type(() => NewMemberDto)
  readonly members!: NewMemberDto[];
}

export class MemberBody extends NewMemberDto {}
