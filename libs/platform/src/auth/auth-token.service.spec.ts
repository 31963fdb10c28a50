import { describe, expect, it } from 'vitest';
import { AuthenticationError } from './auth.errors';
import { AuthTokenService } from './auth-token.service';

const SECRET = 'a-test-secret-that-is-at-least-32-chars';

function serviceAt(clock: { now: number }, ttlSeconds = 600): AuthTokenService {
  return new AuthTokenService({ secret: SECRET, ttlSeconds, clock: () => clock.now });
}

function failure(run: () => unknown): AuthenticationError {
  try {
    run();
  } catch (error) {
    if (error instanceof AuthenticationError) return error;
    throw error;
  }
  throw new Error('expected an AuthenticationError');
}

describe('AuthTokenService', () => {
  it('round-trips a user, with or without a name', () => {
    const tokens = serviceAt({ now: Date.parse('2026-01-01T00:00:00Z') });
    expect(tokens.verify(tokens.sign({ userId: 'a-1', role: 'agent', name: 'Ada' }))).toEqual({
      userId: 'a-1',
      role: 'agent',
      name: 'Ada',
    });
    expect(tokens.verify(tokens.sign({ userId: 'c-1', role: 'customer' }))).toEqual({
      userId: 'c-1',
      role: 'customer',
    });
  });

  it('stamps iat, exp and iss from its clock and TTL', () => {
    const clock = { now: Date.parse('2026-01-01T00:00:00Z') };
    const token = serviceAt(clock, 600).sign({ userId: 'a-1', role: 'agent' });
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as object;
    expect(claims).toEqual({
      sub: 'a-1',
      role: 'agent',
      iat: clock.now / 1000,
      exp: clock.now / 1000 + 600,
      iss: 'switchboard',
    });
    expect(JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString())).toMatchObject({
      alg: 'HS256',
    });
  });

  it('accepts a token until its expiry and refuses it after', () => {
    const clock = { now: Date.parse('2026-01-01T00:00:00Z') };
    const tokens = serviceAt(clock, 600);
    const token = tokens.sign({ userId: 'a-1', role: 'agent' });
    clock.now += 599_000;
    expect(tokens.verify(token).userId).toBe('a-1');
    clock.now += 1_000;
    expect(failure(() => tokens.verify(token)).message).toBe('The token has expired');
  });

  it('honours a per-token TTL', () => {
    const clock = { now: Date.parse('2026-01-01T00:00:00Z') };
    const tokens = serviceAt(clock, 600);
    const short = tokens.sign({ userId: 'a-1', role: 'agent' }, { ttlSeconds: 5 });
    clock.now += 5_000;
    expect(failure(() => tokens.verify(short)).code).toBe('UNAUTHENTICATED');
  });

  it('refuses missing, tampered and foreign tokens with UNAUTHENTICATED', () => {
    const tokens = serviceAt({ now: Date.now() });
    const token = tokens.sign({ userId: 'c-1', role: 'customer' });
    const [header, , signature] = token.split('.');
    const forged = Buffer.from(
      JSON.stringify({ sub: 'c-1', role: 'admin', exp: 9e9, iss: 'switchboard' }),
    ).toString('base64url');
    const foreign = new AuthTokenService({ secret: `${SECRET}-other`, ttlSeconds: 60 });
    for (const bad of [undefined, null, '', 'abc', `${header}.${forged}.${signature}`]) {
      expect(failure(() => tokens.verify(bad)).code).toBe('UNAUTHENTICATED');
    }
    expect(failure(() => tokens.verify(foreign.sign({ userId: 'x', role: 'admin' }))).message).toBe(
      'The token is not valid',
    );
  });

  it('refuses a secret shorter than 32 characters', () => {
    expect(() => new AuthTokenService({ secret: 'short', ttlSeconds: 60 })).toThrow(/32/);
  });
});
