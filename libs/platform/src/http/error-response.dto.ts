import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** One invalid field of a request body, query or socket payload. */
export class FieldErrorResponse {
  @ApiProperty({ example: 'score', description: 'Dotted path for nested fields: `items.0.name`' })
  readonly field!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { max: 'score must not be greater than 5' },
  })
  readonly constraints!: Record<string, string>;
}

/** Every error body Switchboard's HTTP API sends (OpenAPI schema). */
export class ErrorResponse {
  @ApiProperty({ example: 'VALIDATION_FAILED', description: 'Stable, machine-readable' })
  readonly code!: string;

  @ApiProperty({ example: 'Invalid request: score' })
  readonly message!: string;

  @ApiPropertyOptional({ type: [FieldErrorResponse], description: 'Only for VALIDATION_FAILED' })
  readonly errors?: FieldErrorResponse[];
}
