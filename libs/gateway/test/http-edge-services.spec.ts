import { DomainError } from '@switchboard/es-core';
import {
  AccessDeniedError,
  AuthenticationError,
  describeError,
  RequestValidationError,
} from '@switchboard/platform';
import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type EdgeCaller } from '../src/edge/edge-services.port';
import { EdgeUnavailableError } from '../src/edge/edge.errors';
import { HttpEdgeServices } from '../src/edge/http.edge-services';
import { refusal } from './edge-services.contract';
import { FakeService } from './support/fake-service';

const CALLER: EdgeCaller = {
  user: { userId: 'cust-1', role: 'customer' },
  token: 'the-handshake-token',
  correlationId: 'corr-1',
};
const TEXT = { clientMsgId: 'c-1', type: 'text' as const, text: 'hi' };

describe('HttpEdgeServices (the wire, against local fake services)', () => {
  let im: FakeService;
  let cs: FakeService;
  let edge: HttpEdgeServices;

  beforeEach(async () => {
    im = await FakeService.start();
    cs = await FakeService.start();
    edge = new HttpEdgeServices({ imUrl: im.url, customerServiceUrl: cs.url, timeoutMs: 300 });
  });

  afterEach(async () => {
    edge.onModuleDestroy();
    await im.close();
    await cs.close();
  });

  it('calls the documented route as the caller: their token, the correlation id, JSON', async () => {
    im.answer = () => ({ status: 201, json: { id: 'm-1', seq: 7 } });
    const message = await edge.postMessage(CALLER, 'conv:1', TEXT);
    expect(message).toEqual({ id: 'm-1', seq: 7 });
    expect(im.requests).toHaveLength(1);
    const [sent] = im.requests;
    expect(sent.method).toBe('POST');
    expect(sent.url).toBe('/v1/conversations/conv%3A1/messages');
    expect(sent.body).toEqual(TEXT);
    expect(sent.headers.authorization).toBe('Bearer the-handshake-token');
    expect(sent.headers['x-correlation-id']).toBe('corr-1');
    expect(sent.headers['content-type']).toBe('application/json');
    expect(cs.requests).toEqual([]);
  });

  it('sends each call to its service with its path, query and body', async () => {
    await edge.syncMessages(CALLER, [{ conversationId: 'c1', afterSeq: 2 }], { limit: 5 });
    await edge.markRead(CALLER, 'c1', 'phone', 3);
    await edge.getConversation(CALLER, 'c1', { waitMs: 4200 });
    await edge.getConversation(CALLER, 'c1');
    await edge.openConsultation(CALLER, { domain: 'travel', subject: 's' });
    await edge.rateConsultation(CALLER, 'k1', { score: 5 });
    await edge.listConsultations(CALLER, { customerId: 'cust-1', limit: 200 });
    await edge.getConsultation(CALLER, 'k1');
    const line = (r: { method: string; url: string; body: unknown }) => [r.method, r.url, r.body];
    expect(im.requests.map(line)).toEqual([
      [
        'POST',
        '/v1/conversations/sync',
        { cursors: [{ conversationId: 'c1', afterSeq: 2 }], limit: 5 },
      ],
      ['POST', '/v1/conversations/c1/read', { seq: 3, deviceId: 'phone' }],
      ['GET', '/v1/conversations/c1?wait=5', undefined],
      ['GET', '/v1/conversations/c1', undefined],
    ]);
    expect(cs.requests.map(line)).toEqual([
      ['POST', '/v1/consultations', { domain: 'travel', subject: 's' }],
      ['POST', '/v1/consultations/k1/rate', { score: 5 }],
      ['GET', '/v1/consultations?customerId=cust-1&limit=200', undefined],
      ['GET', '/v1/consultations/k1', undefined],
    ]);
  });

  it('refuses a configuration it could never call with', () => {
    const make = (imUrl: string, timeoutMs: number) => () =>
      new HttpEdgeServices({ imUrl, customerServiceUrl: cs.url, timeoutMs });
    expect(make('', 1000)).toThrow(/im URL must be an http\(s\) URL/);
    expect(make('ftp://im', 1000)).toThrow(/im URL/);
    expect(make(im.url, 0)).toThrow(/im timeout/);
    expect(make(im.url, 1000)).not.toThrow();
  });

  it('keeps the connection alive between calls', async () => {
    for (let i = 0; i < 5; i++) await edge.getConversation(CALLER, 'c1');
    expect(im.requests).toHaveLength(5);
    expect(im.connections).toBe(1);
  });

  it('a pooled connection the service closed is retried on a fresh one; a fresh one is not', async () => {
    let calls = 0;
    im.answer = () => (++calls === 2 ? 'reset' : { status: 200, json: { id: 'c1' } });
    await edge.getConversation(CALLER, 'c1');
    // The second request goes out on the kept-alive connection, which the service drops.
    await expect(edge.getConversation(CALLER, 'c1')).resolves.toEqual({ id: 'c1' });
    expect(im.requests).toHaveLength(3);
    expect(im.connections).toBe(2);

    const fresh = await FakeService.start();
    fresh.answer = () => 'reset';
    const once = new HttpEdgeServices({
      imUrl: fresh.url,
      customerServiceUrl: cs.url,
      timeoutMs: 1000,
    });
    expect((await refusal(once.postMessage(CALLER, 'c1', TEXT))).code).toBe('SERVICE_UNAVAILABLE');
    expect(fresh.requests).toHaveLength(1);
    once.onModuleDestroy();
    await fresh.close();
  });

  it('a service that never answers is SERVICE_UNAVAILABLE (retryable), not a crash', async () => {
    im.answer = () => 'hang';
    let caught: unknown;
    await edge.postMessage(CALLER, 'c1', TEXT).catch((error: unknown) => (caught = error));
    expect(caught).toBeInstanceOf(EdgeUnavailableError);
    expect(describeError(caught)).toEqual({
      status: 503,
      payload: { code: 'SERVICE_UNAVAILABLE', message: 'The im service is unavailable; retry' },
      unexpected: false,
    });
    // The pool is still usable once the service answers again.
    im.answer = () => ({ status: 200, json: { id: 'c1' } });
    await expect(edge.getConversation(CALLER, 'c1')).resolves.toEqual({ id: 'c1' });
  });

  it('a 5xx, whatever its body, and a refused connection are SERVICE_UNAVAILABLE', async () => {
    for (const status of [500, 502, 503, 504]) {
      cs.answer = () => ({ status, json: { code: 'INTERNAL', message: 'secret detail' } });
      expect(await refusal(edge.getConsultation(CALLER, 'k1'))).toEqual({
        code: 'SERVICE_UNAVAILABLE',
        message: 'The customer-service service is unavailable; retry',
      });
    }
    const port = await closedPort();
    const down = new HttpEdgeServices({
      imUrl: `http://127.0.0.1:${port}`,
      customerServiceUrl: cs.url,
      timeoutMs: 1000,
    });
    expect((await refusal(down.postMessage(CALLER, 'c1', TEXT))).code).toBe('SERVICE_UNAVAILABLE');
    down.onModuleDestroy();
  });

  it('maps 4xx bodies back to the typed errors the contexts throw', async () => {
    const answers = [
      { status: 404, json: { code: 'CONVERSATION_NOT_FOUND', message: 'No conversation c1' } },
      { status: 403, json: { code: 'NOT_A_MEMBER', message: 'Not a member' } },
      { status: 409, json: { code: 'ALREADY_RATED', message: 'Rated already' } },
      {
        status: 400,
        json: {
          code: 'VALIDATION_FAILED',
          message: 'Invalid request: score',
          errors: [{ field: 'score', constraints: { max: 'score must not be greater than 5' } }],
        },
      },
      { status: 401, json: { code: 'UNAUTHENTICATED', message: 'The token has expired' } },
      {
        status: 403,
        json: { code: 'FORBIDDEN', message: 'This requires one of the roles: customer' },
      },
    ];
    const errors: unknown[] = [];
    for (const answer of answers) {
      im.answer = () => answer;
      await edge.postMessage(CALLER, 'c1', TEXT).catch((error: unknown) => errors.push(error));
    }
    expect(errors.map((error) => (error as Error).constructor)).toEqual([
      DomainError,
      DomainError,
      DomainError,
      RequestValidationError,
      AuthenticationError,
      AccessDeniedError,
    ]);
    expect(errors.map((error) => describeError(error))).toEqual(
      answers.map(({ status, json }) => ({ status, payload: json, unexpected: false })),
    );
  });

  it('an answer without a code (a proxy, a parser) keeps its status-derived code; an unreadable success is an outage', async () => {
    im.answer = () => ({ status: 413, text: '<html>too large</html>' });
    expect(await refusal(edge.postMessage(CALLER, 'c1', TEXT))).toEqual({
      code: 'PAYLOAD_TOO_LARGE',
      message: 'Payload too large',
    });
    im.answer = () => ({ status: 200, text: '<html>maintenance</html>' });
    expect((await refusal(edge.postMessage(CALLER, 'c1', TEXT))).code).toBe('SERVICE_UNAVAILABLE');
    im.answer = () => ({ status: 429, json: { message: 'slow down' } });
    expect(await refusal(edge.postMessage(CALLER, 'c1', TEXT))).toEqual({
      code: 'TOO_MANY_REQUESTS',
      message: 'slow down',
    });
  });
});

/** A port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
