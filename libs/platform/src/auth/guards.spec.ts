import { Reflector } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { describe, expect, it } from 'vitest';
import { Public, Roles } from './auth.decorators';
import { AccessDeniedError, AuthenticationError } from './auth.errors';
import { AuthTokenService } from './auth-token.service';
import { type AuthUser, STAFF_ROLES } from './auth.types';
import { JwtAuthGuard } from './jwt-auth.guard';
import { RolesGuard } from './roles.guard';

class SocketHandlers {
  @Roles('agent')
  note(): void {}

  anything(): void {}

  @Roles(...STAFF_ROLES)
  staff(): void {}

  @Public()
  hello(): void {}
}

/** What Nest hands a guard for a @SubscribeMessage handler: [socket, payload, ack]. */
function wsContext(handler: keyof SocketHandlers, user?: AuthUser): ExecutionContextHost {
  const socket = { data: user === undefined ? {} : { user } };
  const context = new ExecutionContextHost(
    [socket, {}, () => undefined],
    SocketHandlers,
    SocketHandlers.prototype[handler],
  );
  context.setType('ws');
  return context;
}

const reflector = new Reflector();
const tokens = new AuthTokenService({ secret: 'x'.repeat(32), ttlSeconds: 60 });
const authGuard = new JwtAuthGuard(reflector, tokens);
const rolesGuard = new RolesGuard(reflector);

describe('guards on socket.io handlers (user from socket.data.user)', () => {
  it('refuses a socket without a user unless the handler is public', () => {
    expect(() => authGuard.canActivate(wsContext('anything'))).toThrow(AuthenticationError);
    expect(authGuard.canActivate(wsContext('hello'))).toBe(true);
    expect(authGuard.canActivate(wsContext('anything', { userId: 'c', role: 'customer' }))).toBe(
      true,
    );
  });

  it('applies @Roles to the handshake user', () => {
    expect(rolesGuard.canActivate(wsContext('note', { userId: 'a', role: 'agent' }))).toBe(true);
    expect(() =>
      rolesGuard.canActivate(wsContext('note', { userId: 'c', role: 'customer' })),
    ).toThrow(AccessDeniedError);
    expect(() => rolesGuard.canActivate(wsContext('note'))).toThrow(AuthenticationError);
    expect(rolesGuard.canActivate(wsContext('anything'))).toBe(true);
    expect(rolesGuard.canActivate(wsContext('staff', { userId: 'r', role: 'admin' }))).toBe(true);
    expect(() =>
      rolesGuard.canActivate(wsContext('staff', { userId: 'c', role: 'customer' })),
    ).toThrow(AccessDeniedError);
  });
});
