import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startSwitchboard } from './switchboard.harness';

describe('Switchboard HTTP API surface (auth, OpenAPI)', () => {
  const harnesses: Harness[] = [];
  const start = async (...args: Parameters<typeof startSwitchboard>) => {
    const harness = await startSwitchboard(...args);
    harnesses.push(harness);
    return harness.app.getHttpServer();
  };
  afterEach(async () => {
    await Promise.all(harnesses.splice(0).map((h) => h.dispose()));
  });

  it('keeps /health, /metrics, /docs and /docs-json public', async () => {
    const server = await start();
    await request(server).get('/health').expect(200);
    await request(server).get('/metrics').expect(200);
    await request(server).get('/docs').expect(200);
    await request(server).get('/docs-json').expect(200);
  });

  it('lists the dev-token route in /docs-json with the bearer security scheme', async () => {
    const server = await start();
    const doc = (await request(server).get('/docs-json').expect(200)).body;
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info).toMatchObject({ title: 'Switchboard API', version: 'v1' });
    expect(doc.components.securitySchemes).toEqual({
      bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
    });
    expect(doc.security).toEqual([{ bearer: [] }]);
    const devToken = doc.paths['/v1/auth/dev-token']?.post;
    expect(devToken).toMatchObject({
      security: [],
      tags: ['auth'],
      responses: {
        200: {
          content: {
            'application/json': { schema: { $ref: '#/components/schemas/DevTokenResponse' } },
          },
        },
      },
    });
    expect(doc.components.schemas.DevTokenRequest.properties.role.enum).toEqual([
      'customer',
      'agent',
      'supervisor',
      'admin',
    ]);
    expect(doc.paths['/health'].get.security).toEqual([]);
  });

  it('issues a dev token in test mode that the app accepts', async () => {
    const server = await start();
    const res = await request(server)
      .post('/v1/auth/dev-token')
      .send({ userId: 'agent-1', role: 'agent' })
      .expect(200);
    expect(res.body.token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const bad = await request(server)
      .post('/v1/auth/dev-token')
      .set('Content-Type', 'application/json')
      .send('{"userId":')
      .expect(400);
    expect(bad.body.code).toBe('MALFORMED_JSON');
  });

  it('refuses dev tokens in production and keeps the route out of the docs', async () => {
    const server = await start({
      env: { NODE_ENV: 'production', JWT_SECRET: 'production-secret-0123456789-abcdefghij' },
    });
    const res = await request(server)
      .post('/v1/auth/dev-token')
      .send({ userId: 'admin-1', role: 'admin' })
      .expect(404);
    expect(res.body).toEqual({ code: 'NOT_FOUND', message: 'Cannot POST /v1/auth/dev-token' });
    const doc = (await request(server).get('/docs-json').expect(200)).body;
    expect(doc.paths['/v1/auth/dev-token']).toBeUndefined();
    await request(server).get('/health').expect(200);
  });
});
