import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  registerDecorator,
  type ValidationOptions,
} from 'class-validator';

export const NAME_PATTERN = /^[A-Za-z0-9._:-]+$/;
const NAME_MESSAGE = 'may hold letters, digits and . _ : -';
const MAX_CONTEXT_KEYS = 50;

/** A flat object of at most 50 string/number/boolean/null values (the domain's context). */
export function IsFlatContext(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isFlatContext',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: `context must be a flat object of at most ${MAX_CONTEXT_KEYS} string, number, boolean or null values`,
        ...options,
      },
      validator: {
        validate(value: unknown): boolean {
          if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
          const entries = Object.entries(value);
          return (
            entries.length <= MAX_CONTEXT_KEYS &&
            entries.every(
              ([key, item]) =>
                key.length <= 64 &&
                (item === null ||
                  typeof item === 'boolean' ||
                  (typeof item === 'number' && Number.isFinite(item)) ||
                  (typeof item === 'string' && item.length <= 1000)),
            )
          );
        },
      },
    });
}

export class OpenConsultationBody {
  @ApiProperty({ example: 'travel', pattern: NAME_PATTERN.source, maxLength: 64 })
  @IsString()
  @Length(1, 64)
  @Matches(NAME_PATTERN, { message: `domain ${NAME_MESSAGE}` })
  readonly domain!: string;

  @ApiPropertyOptional({ example: 'vip', pattern: NAME_PATTERN.source, maxLength: 64 })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  @Matches(NAME_PATTERN, { message: `group ${NAME_MESSAGE}` })
  readonly group?: string;

  @ApiPropertyOptional({ example: 'Where is my refund?', maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  readonly subject?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }] },
    example: { orderId: 'o-42' },
  })
  @IsOptional()
  @IsObject()
  @IsFlatContext()
  readonly context?: Readonly<Record<string, string | number | boolean | null>>;
}

export class OpenConsultationResponse {
  @ApiProperty({ format: 'uuid' }) readonly id!: string;
  @ApiProperty({ format: 'uuid' }) readonly conversationId!: string;
  @ApiProperty({ enum: ['pending', 'assigned', 'resolved', 'closed'] }) readonly state!: string;
}
