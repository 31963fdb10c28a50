import { ApiProperty } from '@nestjs/swagger';
import { IsUUID, Length, Matches } from 'class-validator';

/** Ids of people and agents: what a token's `sub` may hold (see DevTokenRequest.userId). */
export const USER_ID_PATTERN = /^[A-Za-z0-9._:@-]+$/;
export const USER_ID_MESSAGE = 'must hold 1-128 of letters, digits and . _ : @ -';

export class ConsultationIdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  readonly id!: string;
}

export class AgentIdParams {
  @ApiProperty({ example: 'agent-1', pattern: USER_ID_PATTERN.source, maxLength: 128 })
  @Length(1, 128)
  @Matches(USER_ID_PATTERN, { message: `id ${USER_ID_MESSAGE}` })
  readonly id!: string;
}

/**
 * The body of a command that takes none: with `forbidNonWhitelisted`, any property is a 400
 * instead of being silently ignored.
 */
export class EmptyBody {}
