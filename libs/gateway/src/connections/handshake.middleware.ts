import { type AuthTokenService, type AuthUser, toErrorPayload } from '@switchboard/platform';
import {
  DEVICE_KINDS,
  type DeviceKind,
} from '@switchboard/delivery/connection-registry/connection-registry.port';
import { type Socket } from 'socket.io';

/** What the handshake middleware leaves on `socket.data` for every accepted socket. */
export interface SocketIdentity {
  readonly user: AuthUser;
  readonly device: DeviceKind;
  readonly deviceId: string;
  /**
   * The handshake's bearer token, kept for the socket's life: in a split deployment the
   * gateway calls the services with it (HttpEdgeServices), as the user and never as itself.
   */
  readonly token: string;
}

export const DEVICE_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * A refused handshake. socket.io hands `data` to the client's `connect_error` listener, so the
 * client learns why (`UNAUTHENTICATED`, `HANDSHAKE_INVALID`) instead of a bare failure.
 */
export class HandshakeError extends Error {
  readonly data: { readonly code: string; readonly message: string };

  constructor(code: string, message: string) {
    super(message);
    this.name = 'HandshakeError';
    this.data = { code, message };
  }
}

/** Checks `auth: {token, device, deviceId}` before socket.io admits a socket to `/`. */
export function identify(auth: unknown, tokens: AuthTokenService): SocketIdentity {
  const fields = typeof auth === 'object' && auth !== null ? (auth as Record<string, unknown>) : {};
  let user: AuthUser;
  try {
    user = tokens.verify(typeof fields.token === 'string' ? fields.token : undefined);
  } catch (error) {
    const { message } = toErrorPayload(error);
    throw new HandshakeError('UNAUTHENTICATED', message);
  }
  const { device, deviceId } = fields;
  if (typeof device !== 'string' || !(DEVICE_KINDS as readonly string[]).includes(device)) {
    throw new HandshakeError(
      'HANDSHAKE_INVALID',
      `auth.device must be one of ${DEVICE_KINDS.join(', ')}`,
    );
  }
  if (typeof deviceId !== 'string' || !DEVICE_ID_PATTERN.test(deviceId)) {
    throw new HandshakeError(
      'HANDSHAKE_INVALID',
      'auth.deviceId must be 1-128 of A-Z a-z 0-9 . _ : -',
    );
  }
  return { user, device: device as DeviceKind, deviceId, token: fields.token as string };
}

/** The socket.io middleware (`server.use`): refuses with `err.data = {code, message}`. */
export function handshakeMiddleware(
  tokens: AuthTokenService,
): (socket: Socket, next: (error?: Error) => void) => void {
  return (socket, next) => {
    try {
      const identity = identify(socket.handshake.auth, tokens);
      socket.data.user = identity.user;
      socket.data.device = identity.device;
      socket.data.deviceId = identity.deviceId;
      socket.data.token = identity.token;
      next();
    } catch (error) {
      next(
        error instanceof HandshakeError
          ? error
          : new HandshakeError('INTERNAL', 'The handshake failed; retry'),
      );
    }
  };
}

/** `socket.data` typed, once the middleware admitted the socket. */
export function identityOf(socket: Socket): SocketIdentity {
  return socket.data as SocketIdentity;
}
