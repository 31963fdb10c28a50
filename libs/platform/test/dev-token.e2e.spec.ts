import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { AuthTokenService } from '../src/auth/auth-token.service';
import { startHttpTestApp } from './http-test-app';
import { ProbeController } from './probe-api.controller';

const PRODUCTION_SECRET = 'a-production-secret-of-at-least-32-characters!';

describe('POST /v1/auth/dev-token', () => {
  const apps: INestApplication[] = [];
  const start = async (env: Record<string, string>) => {
    const started = await startHttpTestApp([ProbeController], env);
    apps.push(started.app);
    return started;
  };
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
  });

  it.each(['development', 'test'])('issues a working token in %s mode', async (NODE_ENV) => {
    const { app } = await start({ NODE_ENV, JWT_TTL: '90m' });
    const server = app.getHttpServer();
    const res = await request(server)
      .post('/v1/auth/dev-token')
      .send({ userId: 'agent-1', role: 'agent', name: 'Ada' })
      .expect(200);
    expect(Object.keys(res.body)).toEqual(['token']);

    const me = await request(server)
      .get('/probe/me')
      .set('Authorization', `Bearer ${res.body.token}`)
      .expect(200);
    expect(me.body).toEqual({ userId: 'agent-1', role: 'agent', name: 'Ada' });

    const claims = JSON.parse(
      Buffer.from(String(res.body.token).split('.')[1]!, 'base64url').toString(),
    ) as { iat: number; exp: number };
    expect(claims.exp - claims.iat).toBe(90 * 60);
    expect(app.get(AuthTokenService).verify(res.body.token)).toMatchObject({ userId: 'agent-1' });
  });

  it('validates the body: unknown role, missing userId, extra fields', async () => {
    const { app } = await start({ NODE_ENV: 'test' });
    const res = await request(app.getHttpServer())
      .post('/v1/auth/dev-token')
      .send({ role: 'root', isAdmin: true })
      .expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'isAdmin',
      'role',
      'userId',
    ]);
    expect(res.body).not.toHaveProperty('token');
  });

  it('does not exist in production: 404, no token, not in the OpenAPI document', async () => {
    const { app } = await start({ NODE_ENV: 'production', JWT_SECRET: PRODUCTION_SECRET });
    const server = app.getHttpServer();
    const res = await request(server)
      .post('/v1/auth/dev-token')
      .send({ userId: 'admin-1', role: 'admin' })
      .expect(404);
    expect(res.body).toEqual({ code: 'NOT_FOUND', message: 'Cannot POST /v1/auth/dev-token' });
    expect(JSON.stringify(res.body)).not.toMatch(/eyJ/);

    const docs = await request(server).get('/docs-json').expect(200);
    expect(Object.keys(docs.body.paths)).not.toContain('/v1/auth/dev-token');

    // Tokens signed with the production secret still work; the public dev secret's do not.
    const ours = new AuthTokenService({ secret: PRODUCTION_SECRET, ttlSeconds: 60 });
    await request(server)
      .get('/probe/me')
      .set('Authorization', `Bearer ${ours.sign({ userId: 'u', role: 'customer' })}`)
      .expect(200);
    const dev = await start({ NODE_ENV: 'test' });
    const devToken = await request(dev.app.getHttpServer())
      .post('/v1/auth/dev-token')
      .send({ userId: 'admin-1', role: 'admin' })
      .expect(200);
    await request(server)
      .get('/probe/me')
      .set('Authorization', `Bearer ${devToken.body.token}`)
      .expect(401);
  });

  it('warns at start when tokens are signed with the public development secret', async () => {
    const { logs } = await start({ NODE_ENV: 'development' });
    expect(logs.map((line) => line.msg)).toContain(
      'JWT_SECRET is not set: tokens are signed with the public development secret',
    );
    const { logs: quiet } = await start({ NODE_ENV: 'development', JWT_SECRET: PRODUCTION_SECRET });
    expect(quiet.map((line) => line.msg)).not.toContain(
      'JWT_SECRET is not set: tokens are signed with the public development secret',
    );
  });
});

describe('OpenAPI document of the HTTP layer', () => {
  it('is public, declares the bearer scheme as the default, and marks public routes', async () => {
    const { app } = await startHttpTestApp([ProbeController]);
    try {
      const server = app.getHttpServer();
      const doc = (await request(server).get('/docs-json').expect(200)).body;
      expect(doc.components.securitySchemes.bearer).toEqual({
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
      });
      expect(doc.security).toEqual([{ bearer: [] }]);
      const devToken = doc.paths['/v1/auth/dev-token'].post;
      expect(devToken.security).toEqual([]);
      expect(devToken).not.toHaveProperty('x-switchboard-public');
      expect(devToken.requestBody.content['application/json'].schema).toEqual({
        $ref: '#/components/schemas/DevTokenRequest',
      });
      expect(doc.components.schemas.DevTokenRequest.required).toEqual(['userId', 'role']);
      const staff = doc.paths['/probe/staff'].get;
      expect(staff.security).toBeUndefined();
      expect(Object.keys(staff.responses)).toEqual(expect.arrayContaining(['401', '403']));
      expect(doc.paths['/probe/open'].get.security).toEqual([]);
      const ui = await request(server).get('/docs').expect(200);
      expect(ui.text).toContain('swagger-ui');
    } finally {
      await app.close();
    }
  });
});
