import { io, type Socket } from 'socket.io-client';
import { CLIENT_ERROR_CODES, SwitchboardError } from './switchboard.error';
import { resolveToken } from './rest.client';
import type { DeviceKind, MessageView, TokenSource } from './client.types';
import type { PushEvent, RequestEvent, Transport, TransportHandlers } from './transport.port';

export interface SocketTransportOptions {
  readonly url: string;
  readonly token: TokenSource;
  readonly device: DeviceKind;
  readonly deviceId: string;
  /** e.g. `['polling']` where WebSockets are blocked; default: socket.io's (polling → upgrade). */
  readonly transports?: readonly ('websocket' | 'polling')[];
  /** socket.io path; default `/socket.io`. */
  readonly path?: string;
  readonly reconnectionDelayMs?: number;
  readonly reconnectionDelayMaxMs?: number;
}

const PUSH_EVENTS: readonly PushEvent[] = ['consultation.updated', 'presence', 'read', 'typing'];

type Ack = (answer?: unknown) => void;

/** socket.io-client (WebSocket, or HTTP long-polling via `transports: ['polling']`). */
export class SocketTransport implements Transport {
  readonly kind = 'socket' as const;
  private socket: Socket | undefined;
  /** Rejecters of requests in flight: a disconnect fails them at once instead of at timeout. */
  private readonly inflight = new Set<(error: SwitchboardError) => void>();
  private closed = false;

  constructor(private readonly options: SocketTransportOptions) {}

  open(handlers: TransportHandlers): void {
    const { url, token, device, deviceId } = this.options;
    const socket = io(url, {
      path: this.options.path,
      transports: this.options.transports ? [...this.options.transports] : undefined,
      reconnectionDelay: this.options.reconnectionDelayMs ?? 500,
      reconnectionDelayMax: this.options.reconnectionDelayMaxMs ?? 5_000,
      // A function, so every reconnect presents a fresh token.
      auth: (callback) => {
        resolveToken(token).then(
          (current) => callback({ token: current, device, deviceId }),
          () => callback({ device, deviceId }),
        );
      },
    });
    this.socket = socket;
    socket.on('connect', () => handlers.connected());
    socket.on('disconnect', (reason) => {
      this.failInflight(
        new SwitchboardError(CLIENT_ERROR_CODES.disconnected, `Disconnected: ${reason}`),
      );
      handlers.disconnected(reason);
      // The server closed us on purpose (a gateway draining): socket.io will not come back by
      // itself, but another gateway instance will take us.
      if (reason === 'io server disconnect' && !this.closed) {
        setTimeout(() => this.closed || socket.connect(), this.options.reconnectionDelayMs ?? 500);
      }
    });
    socket.on('connect_error', (error: Error & { data?: unknown }) => {
      // `active` false: the server's middleware refused us (bad token...); retrying is futile.
      if (!socket.active) handlers.failed(handshakeError(error));
      else handlers.disconnected(error.message);
    });
    socket.on('message.new', (message: MessageView, ack?: Ack) => {
      try {
        handlers.message(message);
      } finally {
        // Always, duplicates included: an unacked push is retried by the server forever.
        if (typeof ack === 'function') ack({ ok: true });
      }
    });
    for (const event of PUSH_EVENTS) {
      socket.on(event, (payload: unknown, ack?: Ack) => {
        try {
          handlers.push(event, payload);
        } finally {
          if (typeof ack === 'function') ack({ ok: true });
        }
      });
    }
  }

  isConnected(): boolean {
    return this.socket?.connected === true;
  }

  request(
    event: RequestEvent,
    payload: Record<string, unknown>,
    timeoutMs: number,
  ): Promise<unknown> {
    const socket = this.socket;
    if (socket === undefined || !socket.connected) {
      return Promise.reject(new SwitchboardError(CLIENT_ERROR_CODES.disconnected, 'Not connected'));
    }
    return new Promise((resolve, reject) => {
      let settled = false;
      const settle = (): boolean => {
        if (settled) return false;
        settled = true;
        clearTimeout(timer);
        this.inflight.delete(fail);
        return true;
      };
      const fail = (error: SwitchboardError): void => {
        if (settle()) reject(error);
      };
      const timer = setTimeout(
        () => fail(new SwitchboardError(CLIENT_ERROR_CODES.timeout, `No ack for ${event} in time`)),
        timeoutMs,
      );
      this.inflight.add(fail);
      socket.emit(event, payload, (answer: unknown) => {
        if (!settle()) return;
        const ack = (typeof answer === 'object' && answer !== null ? answer : {}) as Record<
          string,
          unknown
        >;
        if (ack.ok === true) {
          const { ok: _ok, ...rest } = ack;
          resolve(rest);
        } else if (ack.ok === false) {
          reject(SwitchboardError.fromPayload(ack.error));
        } else {
          reject(
            new SwitchboardError(CLIENT_ERROR_CODES.badResponse, `Malformed ack for ${event}`),
          );
        }
      });
    });
  }

  close(): void {
    this.closed = true;
    this.failInflight(new SwitchboardError(CLIENT_ERROR_CODES.closed, 'Client closed'));
    this.socket?.disconnect();
  }

  private failInflight(error: SwitchboardError): void {
    for (const fail of [...this.inflight]) fail(error);
  }
}

function handshakeError(error: Error & { data?: unknown }): SwitchboardError {
  const data = error.data as { code?: unknown } | undefined;
  if (data !== undefined && typeof data.code === 'string')
    return SwitchboardError.fromPayload(data);
  return new SwitchboardError('HANDSHAKE_INVALID', error.message);
}
