import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { AuthenticationError } from '../auth/auth.errors';
import { type AuthenticatedRequest } from '../auth/request-user';
import { RequestValidationError } from '../http/request-validation';
import { type RequestContext } from './request-context';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
/** What an idempotency key may be (header, or a socket event's `requestId`). */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;
export const IDEMPOTENCY_KEY_MESSAGE = 'must be 1-128 of A-Z a-z 0-9 . _ : -';

/**
 * Who asks, under which correlation id (pino-http's request id) and idempotency key: the
 * inputs of every command's metadata. A malformed `Idempotency-Key` is a 400 like a bad body.
 */
export const CallerContext = createParamDecorator(
  (_data: unknown, context: ExecutionContext): RequestContext => {
    const req = context.switchToHttp().getRequest<AuthenticatedRequest & { id?: unknown }>();
    if (req.user === undefined) throw new AuthenticationError();
    const header = req.headers[IDEMPOTENCY_KEY_HEADER];
    const key = Array.isArray(header) ? header[0] : header;
    if (key !== undefined && !IDEMPOTENCY_KEY_PATTERN.test(key)) {
      throw new RequestValidationError([
        {
          field: 'Idempotency-Key',
          constraints: { matches: `Idempotency-Key ${IDEMPOTENCY_KEY_MESSAGE}` },
        },
      ]);
    }
    return {
      actor: req.user,
      correlationId: typeof req.id === 'string' ? req.id : undefined,
      idempotencyKey: key,
    };
  },
);

/** Documents the optional `Idempotency-Key` header on a command route. */
export const ApiIdempotencyKey = (): MethodDecorator =>
  ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      'Replaying a request with the same key (same caller, same route and id) changes nothing ' +
      'more and answers with the current state.',
  });
