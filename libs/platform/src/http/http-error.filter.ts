import {
  type ArgumentsHost,
  BadRequestException,
  Catch,
  type ExceptionFilter,
  Logger,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describeError, MALFORMED_JSON } from './error-payload';

/**
 * Global (APP_FILTER): every HTTP error leaves as `{code, message}` with the status from
 * `describeError`. Unexpected errors are logged with their stack and correlation id, and the
 * caller gets `INTERNAL` only. Socket handlers answer their acks with `toErrorPayload` instead.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrorFilter');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    // Nest hands global filters HTTP errors only; gateways answer acks with toErrorPayload.
    if (host.getType() !== 'http') return;
    const http = host.switchToHttp();
    const req = http.getRequest<IncomingMessage & { id?: unknown; body?: unknown }>();
    const res = http.getResponse<ServerResponse>();

    const described = isMalformedJson(exception, req)
      ? { status: 400, payload: MALFORMED_JSON, unexpected: false }
      : describeError(exception);
    if (described.unexpected) {
      this.logger.error(
        {
          err: exception instanceof Error ? exception : new Error(String(exception)),
          correlationId: req.id,
        },
        `Unhandled error on ${req.method ?? '?'} ${(req.url ?? '').split('?')[0]}`,
      );
    }
    if (res.headersSent) {
      // Too late for a status: cut the response so the client sees it failed.
      res.destroy();
      return;
    }
    if (described.status === 401) res.setHeader('WWW-Authenticate', 'Bearer');
    this.adapterHost.httpAdapter.reply(res, described.payload, described.status);
  }
}

/**
 * Nest turns the JSON parser's SyntaxError into a plain 400 before any filter sees it. What
 * gives it away: a JSON request with a body that the parser left unset (it sets `req.body`
 * whenever it parses; a route never runs without it).
 */
function isMalformedJson(exception: unknown, req: IncomingMessage & { body?: unknown }): boolean {
  if (
    exception instanceof SyntaxError &&
    (exception as { type?: unknown }).type === 'entity.parse.failed'
  ) {
    return true;
  }
  if (!(exception instanceof BadRequestException)) return false;
  if (exception.constructor !== BadRequestException || req.body !== undefined) return false;
  const contentType = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  const length = req.headers['content-length'];
  const hasBody =
    req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
  return contentType === 'application/json' && hasBody;
}
