import type { ExecutionContext } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import type { AuthUser } from './auth.types';

/** An HTTP request after JwtAuthGuard has run. */
export type AuthenticatedRequest = IncomingMessage & { user?: AuthUser };

/** The shape of a socket.io socket as far as authentication is concerned. */
interface SocketLike {
  readonly data?: { user?: AuthUser };
}

/**
 * Where the caller is kept in each transport: `req.user` over HTTP (set by JwtAuthGuard),
 * `socket.data.user` over socket.io (set by the gateway's handshake, which verifies
 * `auth.token` with AuthTokenService). Other transports carry no user.
 */
export function userOf(context: ExecutionContext): AuthUser | undefined {
  switch (context.getType()) {
    case 'http':
      return context.switchToHttp().getRequest<AuthenticatedRequest>().user;
    case 'ws':
      return context.switchToWs().getClient<SocketLike>().data?.user;
    default:
      return undefined;
  }
}

/** The token of an `Authorization: Bearer <token>` header; undefined for any other header. */
export function bearerTokenOf(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (header === undefined) return undefined;
  const match = /^Bearer[ ]+([A-Za-z0-9._~+/=-]+)\s*$/i.exec(header);
  return match?.[1];
}
