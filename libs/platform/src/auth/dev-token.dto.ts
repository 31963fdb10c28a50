import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { type Role, ROLES } from './auth.types';

export class DevTokenRequest {
  @ApiProperty({ example: 'agent-1', pattern: '^[A-Za-z0-9._:@-]+$', maxLength: 128 })
  @IsString()
  @Length(1, 128)
  @Matches(/^[A-Za-z0-9._:@-]+$/, { message: 'userId may hold letters, digits and . _ : @ -' })
  readonly userId!: string;

  @ApiProperty({ enum: ROLES, example: 'agent' })
  @IsIn(ROLES)
  readonly role!: Role;

  @ApiPropertyOptional({ example: 'Ada Agent', maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  readonly name?: string;
}

export class DevTokenResponse {
  @ApiProperty({ description: 'HS256 JWT; send as `Authorization: Bearer <token>`' })
  readonly token!: string;
}
