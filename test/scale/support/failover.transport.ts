import {
  CLIENT_ERROR_CODES,
  type DeviceKind,
  type RequestEvent,
  SocketTransport,
  SwitchboardError,
  type Transport,
  type TransportHandlers,
} from '@switchboard/client';

export interface FailoverOptions {
  readonly token: string;
  readonly device: DeviceKind;
  readonly deviceId: string;
  /** The gateway to connect to first. */
  readonly first: string;
  /** Another gateway's URL when `failed` is unreachable (allocation, or a list of URLs). */
  readonly next: (failed: string) => Promise<string>;
}

/**
 * A socket transport that moves to another gateway when its own is gone: the way a mobile
 * app holds a list of entry points. A dropped connection is first retried where it was
 * (socket.io's reconnect); when that attempt fails too, the socket is dropped and the client
 * reconnects to the URL `next` gives. The SDK above it sees a disconnect and a reconnect, and
 * resyncs from its cursors as after any reconnect.
 */
export class FailoverTransport implements Transport {
  readonly kind = 'socket' as const;
  /** Every gateway URL this transport connected to, in order. */
  readonly visited: string[] = [];
  private inner: SocketTransport | undefined;
  private url = '';
  private closed = false;
  private switching = false;

  constructor(private readonly options: FailoverOptions) {}

  get current(): string {
    return this.url;
  }

  open(handlers: TransportHandlers): void {
    this.openAt(this.options.first, handlers);
  }

  isConnected(): boolean {
    return this.inner?.isConnected() === true;
  }

  request(event: RequestEvent, payload: Record<string, unknown>, timeoutMs: number) {
    if (this.inner === undefined) {
      return Promise.reject(new SwitchboardError(CLIENT_ERROR_CODES.disconnected, 'Not opened'));
    }
    return this.inner.request(event, payload, timeoutMs);
  }

  close(): void {
    this.closed = true;
    this.inner?.close();
  }

  private openAt(url: string, handlers: TransportHandlers): void {
    const { token, device, deviceId } = this.options;
    const inner = new SocketTransport({
      url,
      token,
      device,
      deviceId,
      transports: ['websocket'],
      reconnectionDelayMs: 200,
      reconnectionDelayMaxMs: 1_000,
    });
    this.inner = inner;
    this.url = url;
    this.visited.push(url);
    let down = false;
    let retired = false;
    inner.open({
      ...handlers,
      connected: () => {
        if (retired) return;
        down = false;
        handlers.connected();
      },
      disconnected: (reason) => {
        if (retired) return;
        handlers.disconnected(reason);
        // The first report is the drop; a second one means a reconnect attempt failed too.
        if (down) {
          retired = true;
          void this.failOver(inner, url, handlers);
        }
        down = true;
      },
    });
  }

  private async failOver(from: SocketTransport, url: string, handlers: TransportHandlers) {
    if (this.switching || this.closed) return;
    this.switching = true;
    from.close();
    try {
      const next = await this.options.next(url);
      if (!this.closed) this.openAt(next, handlers);
    } finally {
      this.switching = false;
    }
  }
}
