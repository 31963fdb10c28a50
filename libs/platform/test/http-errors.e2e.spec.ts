import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AuthTokenService } from '../src/auth/auth-token.service';
import { DEV_JWT_SECRET } from '../src/config/env.schema';
import { type LogLine, startHttpTestApp } from './http-test-app';
import { handled, ProbeController } from './probe-api.controller';

const customer = `Bearer ${new AuthTokenService({ secret: DEV_JWT_SECRET, ttlSeconds: 60 }).sign({
  userId: 'c-1',
  role: 'customer',
})}`;

describe('validation and error mapping over HTTP', () => {
  let app: INestApplication;
  let logs: LogLine[];
  const http = () => request(app.getHttpServer());
  const post = (body: unknown) =>
    http()
      .post('/probe/items')
      .set('Authorization', customer)
      .send(body as object);

  beforeAll(async () => {
    ({ app, logs } = await startHttpTestApp([ProbeController]));
  });
  afterAll(() => app.close());
  beforeEach(() => {
    handled.length = 0;
  });

  it('passes a valid body to the handler as an instance of its DTO', async () => {
    const body = { name: 'ok', score: 5, tags: [{ label: 'vip' }] };
    const res = await post(body).expect(200);
    expect(res.body).toEqual({ isDto: true, body });
  });

  it('answers 400 VALIDATION_FAILED naming an unknown field, and the handler never runs', async () => {
    const res = await post({ name: 'ok', score: 3, role: 'admin' }).expect(400);
    expect(res.body).toEqual({
      code: 'VALIDATION_FAILED',
      message: 'Invalid request: role',
      errors: [
        { field: 'role', constraints: { whitelistValidation: 'property role should not exist' } },
      ],
    });
    expect(handled).toEqual([]);
  });

  it('lists every wrong-typed field, nested ones by path, without echoing values', async () => {
    const res = await post({ name: 42, score: 'five', tags: [{ label: '' }, 'x'] }).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    const byField = Object.fromEntries(
      (res.body.errors as { field: string; constraints: Record<string, string> }[]).map((e) => [
        e.field,
        Object.keys(e.constraints).sort(),
      ]),
    );
    expect(byField).toMatchObject({
      name: ['isLength', 'isString'],
      score: ['isInt', 'max', 'min'],
      'tags.0.label': ['isLength'],
    });
    expect(Object.keys(byField)).toEqual(expect.arrayContaining(['tags.1']));
    expect(JSON.stringify(res.body)).not.toContain('five');
    expect(handled).toEqual([]);
  });

  it('answers 400 MALFORMED_JSON for a body that is not JSON', async () => {
    const res = await http()
      .post('/probe/items')
      .set('Authorization', customer)
      .set('Content-Type', 'application/json')
      .send('{"name": "ok", "score": ')
      .expect(400);
    expect(res.body).toEqual({
      code: 'MALFORMED_JSON',
      message: 'The request body is not valid JSON',
    });
    expect(handled).toEqual([]);
  });

  it('keeps a 400 thrown by a handler for a well-formed JSON body as BAD_REQUEST', async () => {
    const res = await http().post('/probe/reject').send({ any: 'thing' }).expect(400);
    expect(res.body).toEqual({ code: 'BAD_REQUEST', message: 'rejected by the handler' });
  });

  it('answers 413 PAYLOAD_TOO_LARGE for a body over the parser limit', async () => {
    const res = await post({ name: 'x'.repeat(200_000), score: 1 }).expect(413);
    expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it.each([
    ['invalid_state', 409],
    ['invalid_command', 400],
    ['not_found', 404],
    ['forbidden', 403],
    ['conflict', 409],
  ])('maps a DomainError of kind %s to %i with its code and message', async (kind, status) => {
    const res = await http().get(`/probe/domain/${kind}`).expect(status);
    expect(res.body).toEqual({ code: `PROBE_${kind.toUpperCase()}`, message: `probe ${kind}` });
  });

  it('maps optimistic-concurrency failures to 409 CONCURRENCY_CONFLICT', async () => {
    const wrong = await http().get('/probe/wrong-revision').expect(409);
    expect(wrong.body).toEqual({
      code: 'CONCURRENCY_CONFLICT',
      message: 'The resource changed while the request was handled; retry it',
    });
    const exhausted = await http().get('/probe/concurrency').expect(409);
    expect(exhausted.body.code).toBe('CONCURRENCY_CONFLICT');
  });

  it('keeps the status of Nest HTTP exceptions, with a {code, message} body', async () => {
    const res = await http().get('/probe/unprocessable').expect(422);
    expect(res.body).toEqual({ code: 'UNPROCESSABLE_ENTITY', message: 'nothing to process' });
  });

  it('answers 500 INTERNAL without the message, and logs the stack with the correlation id', async () => {
    const res = await http().get('/probe/boom').set('x-correlation-id', 'corr-500').expect(500);
    expect(res.body).toEqual({ code: 'INTERNAL', message: 'Internal error' });
    expect(res.text).not.toContain('hunter2');
    expect(res.headers['x-correlation-id']).toBe('corr-500');
    const line = logs.find((l) => l.msg === 'Unhandled error on GET /probe/boom');
    expect(line).toMatchObject({ level: 50, correlationId: 'corr-500' });
    expect(line?.err?.stack).toMatch(/hunter2[\s\S]*probe-api\.controller/);

    const thrown = await http().get('/probe/throw-string').expect(500);
    expect(thrown.body).toEqual({ code: 'INTERNAL', message: 'Internal error' });
  });
});
