import {
  BadRequestException,
  HttpException,
  NotFoundException,
  ServiceUnavailableException,
} from '@nestjs/common';
import { ConcurrencyConflictError, DomainError, InvalidStateError } from '@switchboard/es-core';
import {
  EventStoreClosedError,
  IdempotencyConflictError,
  WrongExpectedRevisionError,
} from '@switchboard/event-store';
import { describe, expect, it } from 'vitest';
import { AccessDeniedError, AuthenticationError } from '../auth/auth.errors';
import { codeForStatus, describeError, toErrorPayload } from './error-payload';
import { RequestValidationError } from './request-validation';

describe('describeError / toErrorPayload', () => {
  it.each([
    [new InvalidStateError('NOT_ASSIGNED', 'not assigned'), 409, 'NOT_ASSIGNED'],
    [new DomainError('BAD_SCORE', 'score 1..5', 'invalid_command'), 400, 'BAD_SCORE'],
    [new DomainError('NO_SUCH', 'no such', 'not_found'), 404, 'NO_SUCH'],
    [new DomainError('NOT_MEMBER', 'not a member', 'forbidden'), 403, 'NOT_MEMBER'],
    [new ConcurrencyConflictError('s-1', 5), 409, 'CONCURRENCY_CONFLICT'],
    [new WrongExpectedRevisionError('s-1', 1, 2), 409, 'CONCURRENCY_CONFLICT'],
    [new IdempotencyConflictError('s-1', 'e-1', 'differs'), 409, 'IDEMPOTENCY_CONFLICT'],
    [new EventStoreClosedError(), 503, 'SERVICE_UNAVAILABLE'],
    [new AuthenticationError(), 401, 'UNAUTHENTICATED'],
    [new AccessDeniedError(), 403, 'FORBIDDEN'],
    [
      new RequestValidationError([{ field: 'a', constraints: { x: 'a x' } }]),
      400,
      'VALIDATION_FAILED',
    ],
    [new NotFoundException('no consultation c-1'), 404, 'NOT_FOUND'],
    [new HttpException('I am a teapot', 418), 418, 'HTTP_418'],
    [new BadRequestException({ code: 'CUSTOM', message: 'custom' }), 400, 'CUSTOM'],
    [
      Object.assign(new Error('request entity too large'), {
        status: 413,
        expose: true,
        type: 'entity.too.large',
      }),
      413,
      'PAYLOAD_TOO_LARGE',
    ],
    [
      Object.assign(new SyntaxError('Unexpected end'), {
        status: 400,
        expose: true,
        type: 'entity.parse.failed',
      }),
      400,
      'MALFORMED_JSON',
    ],
  ])('%s → %i %s', (error, status, code) => {
    const described = describeError(error);
    expect(described).toMatchObject({ status, unexpected: false, payload: { code } });
    expect(toErrorPayload(error)).toEqual(described.payload);
  });

  it('keeps messages of expected errors, hides those of unexpected ones', () => {
    expect(toErrorPayload(new DomainError('X', 'domain says why'))).toEqual({
      code: 'X',
      message: 'domain says why',
    });
    for (const error of [
      new Error('password=hunter2'),
      new TypeError('x is undefined'),
      'a string',
      undefined,
      Object.assign(new Error('internal'), { status: 400 }), // not marked safe to expose
      Object.assign(new Error('internal'), { status: 502, expose: true }),
    ]) {
      expect(describeError(error)).toEqual({
        status: 500,
        unexpected: true,
        payload: { code: 'INTERNAL', message: 'Internal error' },
      });
    }
  });

  it('carries field errors for validation failures (socket acks reuse them)', () => {
    const errors = [{ field: 'score', constraints: { max: 'score must not be greater than 5' } }];
    expect(toErrorPayload(new RequestValidationError(errors))).toEqual({
      code: 'VALIDATION_FAILED',
      message: 'Invalid request: score',
      errors,
    });
  });

  it('keeps the extra fields of an HTTP exception body, e.g. /health details', () => {
    const health = { status: 'error', error: { bus: { status: 'down' } } };
    expect(describeError(new ServiceUnavailableException(health))).toEqual({
      status: 503,
      unexpected: false,
      payload: { ...health, code: 'SERVICE_UNAVAILABLE', message: 'Service unavailable' },
    });
  });

  it('names bare statuses', () => {
    expect([401, 404, 413, 429, 599].map(codeForStatus)).toEqual([
      'UNAUTHENTICATED',
      'NOT_FOUND',
      'PAYLOAD_TOO_LARGE',
      'TOO_MANY_REQUESTS',
      'HTTP_599',
    ]);
  });
});
