import { BadRequestException, ValidationPipe, type ValidationPipeOptions } from '@nestjs/common';
import type { ValidationError } from 'class-validator';

/** One invalid field; `field` is a dotted path for nested values (`items.0.name`). */
export interface FieldError {
  readonly field: string;
  readonly constraints: Readonly<Record<string, string>>;
}

/**
 * A body, query or payload that failed its DTO: HTTP 400 `VALIDATION_FAILED` with the field
 * errors. The socket gateway throws it too (after validating a payload with class-validator),
 * so both edges answer bad input the same way.
 */
export class RequestValidationError extends BadRequestException {
  readonly code = 'VALIDATION_FAILED' as const;

  constructor(readonly errors: readonly FieldError[]) {
    const message =
      errors.length === 0
        ? 'Invalid request'
        : `Invalid request: ${errors.map((error) => error.field).join(', ')}`;
    super({ code: 'VALIDATION_FAILED', message, errors });
    this.message = message;
    this.name = 'RequestValidationError';
  }
}

/** class-validator's tree of errors as a flat list of fields with their failed constraints. */
export function flattenValidationErrors(
  errors: readonly ValidationError[],
  parent = '',
): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent === '' ? error.property : `${parent}.${error.property}`;
    const own: FieldError[] =
      error.constraints === undefined ? [] : [{ field, constraints: { ...error.constraints } }];
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/**
 * STYLE rule 8: unknown properties are errors (not silently dropped), values are converted to
 * the DTO's classes, and error objects never echo the submitted values.
 */
export const VALIDATION_PIPE_OPTIONS: ValidationPipeOptions = Object.freeze({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  validationError: { target: false, value: false },
  exceptionFactory: (errors: ValidationError[]) =>
    new RequestValidationError(flattenValidationErrors(errors)),
});

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe(VALIDATION_PIPE_OPTIONS);
}
