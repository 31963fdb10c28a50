import { HttpException, HttpStatus } from '@nestjs/common';
import { DomainError, type DomainErrorKind } from '@switchboard/es-core';
import {
  EventStoreClosedError,
  IdempotencyConflictError,
  WrongExpectedRevisionError,
} from '@switchboard/event-store';
import { AccessDeniedError, AuthenticationError } from '../auth/auth.errors';
import { type FieldError, RequestValidationError } from './request-validation';

/** The error half of every HTTP error body and every `{ok: false, error}` socket ack. */
export interface ErrorPayload {
  readonly code: string;
  readonly message: string;
  /** Field errors, only with `VALIDATION_FAILED`. */
  readonly errors?: readonly FieldError[];
}

export interface DescribedError {
  readonly status: number;
  readonly payload: ErrorPayload;
  /** Not an error we expected: log it with its stack; the caller sees only `INTERNAL`. */
  readonly unexpected: boolean;
}

/** STYLE rule 3: domain errors are typed values mapped to a status at the edge. */
export const DOMAIN_ERROR_STATUS: Readonly<Record<DomainErrorKind, number>> = Object.freeze({
  invalid_state: HttpStatus.CONFLICT,
  invalid_command: HttpStatus.BAD_REQUEST,
  not_found: HttpStatus.NOT_FOUND,
  forbidden: HttpStatus.FORBIDDEN,
  conflict: HttpStatus.CONFLICT,
});

export const INTERNAL_ERROR: ErrorPayload = Object.freeze({
  code: 'INTERNAL',
  message: 'Internal error',
});

const CODE_BY_STATUS: Readonly<Record<number, string>> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  408: 'REQUEST_TIMEOUT',
  409: 'CONFLICT',
  410: 'GONE',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE_ENTITY',
  429: 'TOO_MANY_REQUESTS',
  500: 'INTERNAL',
  501: 'NOT_IMPLEMENTED',
  503: 'SERVICE_UNAVAILABLE',
  504: 'GATEWAY_TIMEOUT',
};

/** The stable code for a bare HTTP status (`404` → `NOT_FOUND`, `418` → `HTTP_418`). */
export function codeForStatus(status: number): string {
  return CODE_BY_STATUS[status] ?? `HTTP_${status}`;
}

/**
 * `{code, message}` for any thrown value, as a socket ack or HTTP body carries it. Unexpected
 * errors become `INTERNAL` / `Internal error`: their messages may hold internal details.
 */
export function toErrorPayload(error: unknown): ErrorPayload {
  return describeError(error).payload;
}

/** Status and payload for any thrown value (see the table in docs/decisions.md). */
export function describeError(error: unknown): DescribedError {
  if (error instanceof RequestValidationError) {
    const { code, message, errors } = error;
    return expected(HttpStatus.BAD_REQUEST, { code, message, errors });
  }
  if (error instanceof AuthenticationError) {
    return expected(HttpStatus.UNAUTHORIZED, { code: error.code, message: error.message });
  }
  if (error instanceof AccessDeniedError) {
    return expected(HttpStatus.FORBIDDEN, { code: error.code, message: error.message });
  }
  if (error instanceof DomainError) {
    const status = DOMAIN_ERROR_STATUS[error.kind] ?? HttpStatus.INTERNAL_SERVER_ERROR;
    return expected(status, { code: error.code, message: error.message });
  }
  if (error instanceof WrongExpectedRevisionError) {
    return expected(HttpStatus.CONFLICT, {
      code: 'CONCURRENCY_CONFLICT',
      message: 'The resource changed while the request was handled; retry it',
    });
  }
  if (error instanceof IdempotencyConflictError) {
    return expected(HttpStatus.CONFLICT, {
      code: error.code,
      message: 'This request id was already used for a different request',
    });
  }
  if (error instanceof EventStoreClosedError) {
    return expected(HttpStatus.SERVICE_UNAVAILABLE, {
      code: 'SERVICE_UNAVAILABLE',
      message: 'The service is shutting down; retry',
    });
  }
  if (error instanceof HttpException) return fromHttpException(error);
  const clientError = asExposedClientError(error);
  if (clientError !== undefined) return clientError;
  return { status: HttpStatus.INTERNAL_SERVER_ERROR, payload: INTERNAL_ERROR, unexpected: true };
}

function expected(status: number, payload: ErrorPayload): DescribedError {
  return { status, payload, unexpected: false };
}

/**
 * Keeps the status. The code is the body's own `code` when it has one, else one derived from
 * the status; Nest's `statusCode` and `error` strings give way to `{code, message}`, and other
 * fields of an object body (e.g. /health's indicator details) stay.
 */
function fromHttpException(exception: HttpException): DescribedError {
  const status = exception.getStatus();
  const response = exception.getResponse();
  const body: Record<string, unknown> =
    typeof response === 'object' && response !== null ? { ...response } : {};
  const { code, message, statusCode: _statusCode, ...extra } = body;
  if (typeof extra.error === 'string') delete extra.error;
  const payload = {
    code: typeof code === 'string' ? code : codeForStatus(status),
    message:
      messageOf(message) ??
      (typeof response === 'string' ? response : undefined) ??
      defaultMessageFor(status),
    ...extra,
  } as ErrorPayload;
  return { status, payload, unexpected: status >= 500 && status !== 503 };
}

function messageOf(value: unknown): string | undefined {
  if (typeof value === 'string' && value.length > 0) return value;
  if (Array.isArray(value) && value.every((part) => typeof part === 'string')) {
    return value.join('; ');
  }
  return undefined;
}

function defaultMessageFor(status: number): string {
  return codeForStatus(status)
    .toLowerCase()
    .replace(/^http_/, 'HTTP ')
    .replace(/_/g, ' ')
    .replace(/^./, (first) => first.toUpperCase());
}

/**
 * Errors shaped like `http-errors` (what Express's body parser throws, e.g. 413 for a body
 * over the limit) that declare themselves safe to show (`expose`) and a 4xx status.
 */
function asExposedClientError(error: unknown): DescribedError | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { status, statusCode, expose, type, message } = error as Record<string, unknown>;
  const code = typeof status === 'number' ? status : statusCode;
  if (typeof code !== 'number' || code < 400 || code > 499 || expose !== true) return undefined;
  if (type === 'entity.parse.failed') return expected(400, MALFORMED_JSON);
  return expected(code, {
    code: codeForStatus(code),
    message: typeof message === 'string' ? message : defaultMessageFor(code),
  });
}

export const MALFORMED_JSON: ErrorPayload = Object.freeze({
  code: 'MALFORMED_JSON',
  message: 'The request body is not valid JSON',
});
