import { HttpException, HttpStatus, ServiceUnavailableException } from '@nestjs/common';
import { DomainError, type DomainErrorKind } from '@switchboard/es-core';
import {
  AccessDeniedError,
  AuthenticationError,
  type FieldError,
  RequestValidationError,
} from '@switchboard/platform';

/**
 * The ack code for a service that did not answer in time, or failed (5xx): the platform's own
 * code for a 503, which the client SDK already retries (libs/client RETRYABLE_CODES).
 */
export const EDGE_UNAVAILABLE = 'SERVICE_UNAVAILABLE';

/**
 * A service behind the edge is down, too slow, or failed. `describeError` maps it like any
 * HttpException: 503 `{code: 'SERVICE_UNAVAILABLE', message}`, expected (no stack in the logs). The
 * client retries; sends are idempotent by `clientMsgId`, so a retry never doubles a message.
 */
export class EdgeUnavailableError extends ServiceUnavailableException {
  readonly code = EDGE_UNAVAILABLE;

  constructor(
    readonly service: string,
    readonly reason: string,
  ) {
    super({ code: EDGE_UNAVAILABLE, message: `The ${service} service is unavailable; retry` });
    this.name = 'EdgeUnavailableError';
  }
}

const KIND_BY_STATUS: Readonly<Record<number, DomainErrorKind>> = {
  [HttpStatus.BAD_REQUEST]: 'invalid_command',
  [HttpStatus.FORBIDDEN]: 'forbidden',
  [HttpStatus.NOT_FOUND]: 'not_found',
  [HttpStatus.CONFLICT]: 'invalid_state',
};

/**
 * A 4xx answer of a service back into the typed error the in-process call would have thrown,
 * so the ack carries the same `{code, message}` (and field errors) whichever adapter ran.
 * What the body does not say is filled in from the status, as the HTTP edge does.
 */
export function errorFromResponse(status: number, body: unknown): Error {
  const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const code = typeof fields.code === 'string' ? fields.code : undefined;
  const given = typeof fields.message === 'string' ? fields.message : undefined;
  const message = given ?? `HTTP ${status}`;
  if (code === 'VALIDATION_FAILED') return new RequestValidationError(fieldErrors(fields.errors));
  if (status === HttpStatus.UNAUTHORIZED) return new AuthenticationError(message);
  if (code === 'FORBIDDEN' && status === HttpStatus.FORBIDDEN)
    return new AccessDeniedError(message);
  const kind = KIND_BY_STATUS[status];
  if (code !== undefined && kind !== undefined) {
    // CONCURRENCY_CONFLICT and friends are 409 too; the kind only matters for the status.
    return new DomainError(code, message, code === 'CONCURRENCY_CONFLICT' ? 'conflict' : kind);
  }
  // The platform fills in what is missing from the status (`PAYLOAD_TOO_LARGE`, its wording).
  const payload = {
    ...(code === undefined ? {} : { code }),
    ...(given === undefined ? {} : { message }),
  };
  return new HttpException(payload, status);
}

function fieldErrors(value: unknown): FieldError[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown) => {
    if (typeof item !== 'object' || item === null) return [];
    const { field, constraints } = item as Record<string, unknown>;
    if (typeof field !== 'string') return [];
    const checked: Record<string, string> = {};
    if (typeof constraints === 'object' && constraints !== null) {
      for (const [key, text] of Object.entries(constraints)) {
        if (typeof text === 'string') checked[key] = text;
      }
    }
    return [{ field, constraints: checked }];
  });
}
