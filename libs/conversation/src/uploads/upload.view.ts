import { ApiProperty } from '@nestjs/swagger';
import { type UploadRecord } from './upload.ports';

/** OpenAPI shape of an UploadRecord (what POST /v1/uploads and GET .../meta answer). */
export class UploadView implements UploadRecord {
  @ApiProperty({ format: 'uuid', description: 'Reference it as attachmentId in messages' })
  readonly id!: string;
  @ApiProperty() readonly uploaderId!: string;
  @ApiProperty({ description: 'Display name, sanitised; never a path', maxLength: 255 })
  readonly name!: string;
  @ApiProperty({ description: 'Detected from the bytes', example: 'image/png' })
  readonly mime!: string;
  @ApiProperty({ description: 'Bytes' }) readonly size!: number;
  @ApiProperty({ description: 'Hex SHA-256 of the bytes', pattern: '^[0-9a-f]{64}$' })
  readonly sha256!: string;
  @ApiProperty({ format: 'date-time' }) readonly createdAt!: string;
}
