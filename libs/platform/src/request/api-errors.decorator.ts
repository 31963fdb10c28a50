import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ErrorResponse } from '../http/error-response.dto';

const DESCRIPTIONS: Readonly<Record<number, string>> = {
  400: 'VALIDATION_FAILED with field errors, or a domain rule the data breaks',
  403: 'Wrong role (FORBIDDEN) or not yours (a typed *_FORBIDDEN code)',
  404: 'A typed *_NOT_FOUND code for an unknown id',
  409: 'Not allowed in the current state, or a lost race (typed code)',
};

/** Documents the `{code, message}` error responses a route can give. */
export function ApiErrors(...statuses: (400 | 403 | 404 | 409)[]): MethodDecorator {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({ status, description: DESCRIPTIONS[status], type: ErrorResponse }),
    ),
  );
}
