import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const CORRELATION_ID_HEADER = 'x-correlation-id';

/** Accepted from clients as is; anything else (too long, odd characters) is replaced. */
const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * pino-http `genReqId`: reuses the caller's correlation id or makes one, and echoes it in the
 * response so callers can quote it. Every log line of the request carries it.
 */
export function correlationIdFor(req: IncomingMessage, res: ServerResponse): string {
  const header = req.headers[CORRELATION_ID_HEADER];
  const candidate = Array.isArray(header) ? header[0] : header;
  const id = candidate !== undefined && SAFE_ID.test(candidate) ? candidate : randomUUID();
  res.setHeader(CORRELATION_ID_HEADER, id);
  return id;
}
