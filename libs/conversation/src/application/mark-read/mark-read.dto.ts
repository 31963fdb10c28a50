import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Matches, Min } from 'class-validator';

export class MarkReadBody {
  @ApiProperty({
    minimum: 0,
    description: 'Last seq read; a lower one than before changes nothing',
  })
  @IsInt()
  @Min(0)
  readonly seq!: number;

  @ApiProperty({ example: 'phone-1', description: 'Cursors are per device' })
  @Matches(/^[A-Za-z0-9._:-]{1,128}$/, { message: 'deviceId must be 1-128 of A-Z a-z 0-9 . _ : -' })
  readonly deviceId!: string;
}

export class MarkReadResponse {
  @ApiProperty() readonly conversationId!: string;
  @ApiProperty() readonly seq!: number;
}
