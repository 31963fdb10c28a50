import { CORRELATION_ID_HEADER, IDEMPOTENCY_KEY_HEADER } from '@switchboard/platform';
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { EdgeUnavailableError, errorFromResponse } from './edge.errors';

/** Answers bigger than this are cut off (a sync page of 1000 messages stays well below it). */
const MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

export interface EdgeHttpRequest {
  readonly method: 'GET' | 'POST';
  /** Path and query, e.g. `/v1/conversations/sync`. */
  readonly path: string;
  readonly token?: string;
  readonly correlationId: string;
  /** Sent as `Idempotency-Key`. */
  readonly idempotencyKey?: string;
  readonly body?: unknown;
  /** Added to the deadline for a request that is told to wait (`?wait=`). */
  readonly extraMs?: number;
}

/**
 * JSON over HTTP to one service, on a keep-alive connection pool of its own (node:http(s)
 * Agent; no extra dependency). Every request has a deadline covering connect, send and the
 * whole answer: past it, on a connection error or on a 5xx it rejects with
 * EdgeUnavailableError; a 4xx becomes the typed error its `{code, message}` body names.
 */
export class EdgeHttpClient {
  private readonly base: URL;
  private readonly agent: HttpAgent;
  private readonly send: typeof httpRequest;

  constructor(
    readonly service: string,
    baseUrl: string,
    private readonly timeoutMs: number,
    maxSockets = 256,
  ) {
    if (!URL.canParse(baseUrl) || !/^https?:$/.test(new URL(baseUrl).protocol)) {
      throw new RangeError(`${service} URL must be an http(s) URL, got ${JSON.stringify(baseUrl)}`);
    }
    if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
      throw new RangeError(`${service} timeout must be a positive number of milliseconds`);
    }
    this.base = new URL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
    const https = this.base.protocol === 'https:';
    const options = { keepAlive: true, maxSockets, maxFreeSockets: 32 };
    this.agent = https ? new HttpsAgent(options) : new HttpAgent(options);
    this.send = https ? httpsRequest : httpRequest;
  }

  /** The parsed JSON answer of a 2xx; rejects as described on the class. */
  async call<T>(spec: EdgeHttpRequest): Promise<T> {
    const { status, body } = await this.exchange(spec);
    if (status >= 200 && status < 300) {
      if (body instanceof UnreadableBody) throw new EdgeUnavailableError(this.service, body.text);
      return body as T;
    }
    if (status >= 500) throw new EdgeUnavailableError(this.service, `HTTP ${status}`);
    throw errorFromResponse(status, body);
  }

  /** Closes the pooled connections (on module destroy). */
  close(): void {
    this.agent.destroy();
  }

  /**
   * One deadline for the whole exchange. A pooled connection the service closed while it was
   * idle fails with ECONNRESET before any answer (Node's documented keep-alive race): the request
   * never reached the service, so it is sent again on another connection, within the deadline.
   */
  private async exchange(spec: EdgeHttpRequest): Promise<{ status: number; body: unknown }> {
    const deadline = this.timeoutMs + (spec.extraMs ?? 0);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), deadline);
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          return await this.attempt(spec, controller.signal);
        } catch (error) {
          if (!(error instanceof StaleConnection) || attempt >= MAX_STALE_RETRIES) throw error;
        }
      }
    } catch (error) {
      const reason = controller.signal.aborted
        ? `no answer within ${deadline} ms`
        : error instanceof Error
          ? error.message
          : String(error);
      throw new EdgeUnavailableError(this.service, reason);
    } finally {
      clearTimeout(timer);
    }
  }

  private attempt(
    spec: EdgeHttpRequest,
    signal: AbortSignal,
  ): Promise<{ status: number; body: unknown }> {
    const url = new URL(spec.path.replace(/^\//, ''), this.base);
    const payload = spec.body === undefined ? undefined : Buffer.from(JSON.stringify(spec.body));
    const headers: Record<string, string> = {
      accept: 'application/json',
      [CORRELATION_ID_HEADER]: spec.correlationId,
    };
    if (spec.token !== undefined) headers.authorization = `Bearer ${spec.token}`;
    if (spec.idempotencyKey !== undefined) headers[IDEMPOTENCY_KEY_HEADER] = spec.idempotencyKey;
    if (payload !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(payload.length);
    }
    return new Promise((resolve, reject) => {
      let answered = false;
      const options = { method: spec.method, headers, agent: this.agent, signal };
      const req = this.send(url, options, (res) => {
        answered = true;
        readBody(res).then((body) => resolve({ status: res.statusCode ?? 0, body }), reject);
      });
      req.on('error', (error: NodeJS.ErrnoException) => {
        const stale = !answered && req.reusedSocket && error.code === 'ECONNRESET';
        reject(stale ? new StaleConnection(error.message) : error);
      });
      req.end(payload);
    });
  }
}

/** A reused keep-alive connection that turned out to be closed (see `exchange`). */
class StaleConnection extends Error {}

/** Sends of one request on connections found closed; each one found is dropped from the pool. */
const MAX_STALE_RETRIES = 3;

async function readBody(res: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_RESPONSE_BYTES) throw new Error('answer too large');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return new UnreadableBody(text.slice(0, 200));
  }
}

/**
 * An answer that is not JSON (a proxy's HTML page). With an error status the status decides
 * (the body just has no code); a "success" nobody can read is treated as an outage.
 */
class UnreadableBody {
  constructor(readonly text: string) {}
}
