import { type INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { SwitchboardEnv } from '@switchboard/platform';
import { type Server, type ServerOptions } from 'socket.io';

/** What the socket.io server takes from configuration rather than from `@WebSocketGateway`. */
export interface SwitchboardIoOptions {
  /** Browser origins allowed to open sockets; unset: same origin only. */
  readonly corsOrigin?: string | readonly string[] | boolean;
  /**
   * Engine.IO heartbeat: the server pings every `pingIntervalMs` and drops a connection that
   * does not answer within `pingTimeoutMs`; clients learn both in the handshake and drop (then
   * reconnect) when no ping arrives within their sum. Unset: socket.io's 25 s and 20 s.
   */
  readonly pingIntervalMs?: number;
  readonly pingTimeoutMs?: number;
}

/**
 * Nest's IoAdapter with the gateway's configuration (CORS origins, heartbeat):
 * `@WebSocketGateway` options are fixed at compile time, these are configuration.
 * `app.useWebSocketAdapter(new SwitchboardIoAdapter(app, ioOptionsFromEnv(env)))`.
 */
export class SwitchboardIoAdapter extends IoAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly settings: SwitchboardIoOptions = {},
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const { corsOrigin, pingIntervalMs, pingTimeoutMs } = this.settings;
    const cors =
      corsOrigin === undefined
        ? options?.cors
        : {
            origin:
              typeof corsOrigin === 'boolean' || typeof corsOrigin === 'string'
                ? corsOrigin
                : [...corsOrigin],
            credentials: true,
          };
    return super.createIOServer(port, {
      ...options,
      ...(cors === undefined ? {} : { cors }),
      ...(pingIntervalMs === undefined ? {} : { pingInterval: pingIntervalMs }),
      ...(pingTimeoutMs === undefined ? {} : { pingTimeout: pingTimeoutMs }),
    });
  }
}

/** The adapter's settings from the environment (GATEWAY_CORS_ORIGIN, GATEWAY_PING_*). */
export function ioOptionsFromEnv(
  env: Pick<
    SwitchboardEnv,
    'GATEWAY_CORS_ORIGIN' | 'GATEWAY_PING_INTERVAL_MS' | 'GATEWAY_PING_TIMEOUT_MS'
  >,
): SwitchboardIoOptions {
  return {
    corsOrigin: corsOrigins(env.GATEWAY_CORS_ORIGIN),
    pingIntervalMs: env.GATEWAY_PING_INTERVAL_MS,
    pingTimeoutMs: env.GATEWAY_PING_TIMEOUT_MS,
  };
}

/** `GATEWAY_CORS_ORIGIN` as socket.io wants it (unset or empty: same origin only). */
export function corsOrigins(setting: string | undefined): readonly string[] | undefined {
  const origins = (setting ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin.length > 0);
  return origins.length === 0 ? undefined : origins;
}
