import type { INestApplication } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { AuthTokenService, TOKEN_ISSUER } from '../src/auth/auth-token.service';
import type { AuthUser } from '../src/auth/auth.types';
import { DEV_JWT_SECRET } from '../src/config/env.schema';
import { startHttpTestApp } from './http-test-app';
import { ProbeController, SupervisionController } from './probe-api.controller';

const tokens = new AuthTokenService({ secret: DEV_JWT_SECRET, ttlSeconds: 3_600 });
const bearer = (user: AuthUser) => `Bearer ${tokens.sign(user)}`;
const now = () => Math.floor(Date.now() / 1000);

describe('JWT authentication and roles over HTTP', () => {
  const apps: INestApplication[] = [];
  const start = async (env: Record<string, string> = {}) => {
    const { app } = await startHttpTestApp([ProbeController, SupervisionController], env);
    apps.push(app);
    return app.getHttpServer();
  };
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
  });

  it('answers 401 UNAUTHENTICATED without a token, with a Bearer challenge', async () => {
    const server = await start();
    const res = await request(server).get('/probe/me').expect(401);
    expect(res.body).toEqual({
      code: 'UNAUTHENTICATED',
      message: 'A valid bearer token is required',
    });
    expect(res.headers['www-authenticate']).toBe('Bearer');
    for (const header of ['Basic dXNlcjpwYXNz', 'Bearer', 'Bearer ', 'token abc']) {
      await request(server).get('/probe/me').set('Authorization', header).expect(401);
    }
  });

  it('answers 401 for a bad signature, an expired token, alg none, another issuer or bad claims', async () => {
    const server = await start();
    const other = new JwtService({ secret: 'another-secret-that-is-long-enough-000000' });
    const ours = new JwtService({ secret: DEV_JWT_SECRET });
    const claims = { sub: 'agent-1', role: 'agent' };
    const payloadB64 = Buffer.from(JSON.stringify({ ...claims, exp: now() + 60 })).toString(
      'base64url',
    );
    const cases: [string, string, RegExp][] = [
      ['bad signature', other.sign(claims, { expiresIn: 60, issuer: TOKEN_ISSUER }), /not valid/],
      [
        'expired',
        ours.sign({ ...claims, iat: now() - 120, exp: now() - 60, iss: TOKEN_ISSUER }),
        /expired/,
      ],
      [
        'alg none',
        `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payloadB64}.`,
        /not valid/,
      ],
      ['other issuer', ours.sign(claims, { expiresIn: 60, issuer: 'someone-else' }), /not valid/],
      ['no expiry', ours.sign({ ...claims, iss: TOKEN_ISSUER }), /Switchboard user/],
      [
        'unknown role',
        ours.sign({ sub: 'x', role: 'root' }, { expiresIn: 60, issuer: TOKEN_ISSUER }),
        /Switchboard user/,
      ],
      ['garbage', 'not.a.jwt', /not valid/],
    ];
    for (const [name, token, message] of cases) {
      const res = await request(server).get('/probe/me').set('Authorization', `Bearer ${token}`);
      expect({ name, status: res.status, code: res.body.code }).toEqual({
        name,
        status: 401,
        code: 'UNAUTHENTICATED',
      });
      expect(res.body.message).toMatch(message);
    }
  });

  it('gives the handler the caller from the token', async () => {
    const server = await start();
    const res = await request(server)
      .get('/probe/me')
      .set('Authorization', bearer({ userId: 'c-7', role: 'customer', name: 'Carla' }))
      .expect(200);
    expect(res.body).toEqual({ userId: 'c-7', role: 'customer', name: 'Carla' });
  });

  it('answers 403 FORBIDDEN for a role the route does not list, 200 for one it does', async () => {
    const server = await start();
    const denied = await request(server)
      .get('/probe/staff')
      .set('Authorization', bearer({ userId: 'c-1', role: 'customer' }))
      .expect(403);
    expect(denied.body).toEqual({
      code: 'FORBIDDEN',
      message: 'This requires one of the roles: agent, supervisor',
    });
    // No implicit hierarchy: admin is not in the list, so admin is refused too.
    await request(server)
      .get('/probe/staff')
      .set('Authorization', bearer({ userId: 'root', role: 'admin' }))
      .expect(403);
    for (const role of ['agent', 'supervisor'] as const) {
      const res = await request(server)
        .get('/probe/staff')
        .set('Authorization', bearer({ userId: `${role}-1`, role }))
        .expect(200);
      expect(res.body).toEqual({ ok: true, role });
    }
    await request(server).get('/probe/staff').expect(401);
  });

  it('applies controller roles, with a method list replacing them', async () => {
    const server = await start();
    const supervisor = bearer({ userId: 's-1', role: 'supervisor' });
    const admin = bearer({ userId: 'a-1', role: 'admin' });
    await request(server).get('/supervision/queue').set('Authorization', supervisor).expect(200);
    await request(server).get('/supervision/queue').set('Authorization', admin).expect(403);
    await request(server).get('/supervision/settings').set('Authorization', admin).expect(200);
    await request(server).get('/supervision/settings').set('Authorization', supervisor).expect(403);
  });

  it('lets anyone call a @Public() route, but never lets @Roles through without a user', async () => {
    const server = await start();
    await request(server).get('/probe/open').expect(200, { ok: true });
    await request(server).get('/probe/public-but-roles').expect(401);
  });

  it('unknown routes are 404 NOT_FOUND, not 401', async () => {
    const server = await start();
    const res = await request(server).get('/v1/nowhere').expect(404);
    expect(res.body).toEqual({ code: 'NOT_FOUND', message: 'Cannot GET /v1/nowhere' });
  });
});
