import { Inject, Injectable } from '@nestjs/common';
import { type ServerEvent } from '@switchboard/delivery/gateway-link/gateway-link.port';
import { type Socket } from 'socket.io';
import { GATEWAY_OPTIONS, type GatewayOptions } from '../gateway.options';
import { GATEWAY_METRICS, type GatewayMetrics } from '../metrics/gateway.metrics';

interface PendingAck {
  attempts: number;
}

/**
 * Emits events the client must acknowledge (`message.new`) and re-sends them until it does:
 * the first wait is `ackTimeoutMs`, each later one doubles, capped at `ackMaxBackoffMs`. When
 * the socket goes, retries stop: the client resyncs from its cursors on reconnect.
 *
 * Each event is retried on its own, so a re-send may arrive after a later message: clients
 * dedupe by message id and order by seq (the contract says so); nothing here reorders.
 */
@Injectable()
export class AckedEmitter {
  /** wsid → (delivery key → pending attempt state). */
  private readonly pending = new Map<string, Map<string, PendingAck>>();
  private sequence = 0;

  constructor(
    @Inject(GATEWAY_OPTIONS) private readonly options: GatewayOptions,
    @Inject(GATEWAY_METRICS) private readonly metrics: GatewayMetrics,
  ) {}

  send(socket: Socket, event: ServerEvent, payload: unknown): void {
    let perSocket = this.pending.get(socket.id);
    if (perSocket === undefined) {
      perSocket = new Map();
      this.pending.set(socket.id, perSocket);
    }
    // A second delivery of the same message while one is pending replaces nothing: one loop.
    const key = keyOf(event, payload) ?? `#${++this.sequence}`;
    if (perSocket.has(key)) return;
    const state: PendingAck = { attempts: 0 };
    perSocket.set(key, state);
    this.metrics.deliveries.inc({ event });
    this.attempt(socket, key, state, event, payload);
  }

  /** Acks still awaited by one socket (tests and diagnostics). */
  pendingCount(wsid: string): number {
    return this.pending.get(wsid)?.size ?? 0;
  }

  /** The socket is gone: forget its pending acks; late timeouts find nothing and stop. */
  forget(wsid: string): void {
    this.pending.delete(wsid);
  }

  private attempt(
    socket: Socket,
    key: string,
    state: PendingAck,
    event: ServerEvent,
    payload: unknown,
  ): void {
    state.attempts += 1;
    const wait = Math.min(
      this.options.ackTimeoutMs * 2 ** (state.attempts - 1),
      this.options.ackMaxBackoffMs,
    );
    socket.timeout(wait).emit(event, payload, (error: Error | null) => {
      const perSocket = this.pending.get(socket.id);
      if (perSocket?.get(key) !== state) return;
      if (error === null || error === undefined) {
        perSocket.delete(key);
        if (perSocket.size === 0) this.pending.delete(socket.id);
        return;
      }
      if (!socket.connected) {
        this.forget(socket.id);
        return;
      }
      this.metrics.retries.inc({ event });
      this.attempt(socket, key, state, event, payload);
    });
  }
}

/** Message id when the payload has one, so duplicates of one message share a retry loop. */
function keyOf(event: string, payload: unknown): string | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const id = (payload as { id?: unknown }).id;
  return typeof id === 'string' ? `${event}:${id}` : undefined;
}
