import { Inject, Injectable, Logger } from '@nestjs/common';
import { DomainError } from '@switchboard/es-core';
import { describeError, type ErrorPayload, RequestValidationError } from '@switchboard/platform';
import { type Socket } from 'socket.io';
import { identityOf } from '../connections/handshake.middleware';
import { GATEWAY_OPTIONS, type GatewayOptions } from '../gateway.options';
import { GATEWAY_METRICS, type GatewayMetrics } from '../metrics/gateway.metrics';
import { ClientEventHandlers } from './client-event.handlers';
import { validatePayload } from './payload.validator';
import { TokenBucket } from './token-bucket';

type Ack = (answer: unknown) => void;

export const RATE_LIMITED: ErrorPayload = Object.freeze({
  code: 'RATE_LIMITED',
  message: 'Too many events on this socket; slow down',
});

/**
 * Every client event goes through here (`socket.onAny`): rate limit, payload validation,
 * handler, ack. No thrown value escapes and no input disconnects a socket: bad input is
 * answered with `{ok: false, error}`, and an event without an ack callback has nobody to answer,
 * so it is dropped. (A token the services stop accepting does end the session.)
 */
@Injectable()
export class ClientEventRouter {
  private readonly logger = new Logger('SwitchboardGateway');
  private readonly buckets = new WeakMap<Socket, TokenBucket>();

  constructor(
    private readonly handlers: ClientEventHandlers,
    @Inject(GATEWAY_OPTIONS) private readonly options: GatewayOptions,
    @Inject(GATEWAY_METRICS) private readonly metrics: GatewayMetrics,
  ) {}

  /** Starts answering one socket's events. */
  attach(socket: Socket): void {
    this.buckets.set(socket, new TokenBucket(this.options.rateLimitPerSecond));
    socket.onAny((event: unknown, ...args: unknown[]) => void this.dispatch(socket, event, args));
  }

  private async dispatch(socket: Socket, event: unknown, args: unknown[]): Promise<void> {
    const ack = typeof args[args.length - 1] === 'function' ? (args.pop() as Ack) : undefined;
    const allowed = this.buckets.get(socket)?.take() ?? false;
    if (ack === undefined) return;
    const answer = (body: unknown): void => {
      try {
        ack(body);
      } catch (error) {
        this.logger.warn(`Ack for ${String(event)} failed: ${String(error)}`);
      }
    };
    if (!allowed) {
      this.count('RATE_LIMITED');
      answer({ ok: false, error: RATE_LIMITED });
      return;
    }
    try {
      const body = await this.handle(socket, event, args);
      this.count('ok');
      answer({ ok: true, ...body });
    } catch (error) {
      const { payload, unexpected } = describeError(error);
      if (unexpected) {
        this.logger.error(
          `Client event ${String(event).slice(0, 64)} failed`,
          error instanceof Error ? error.stack : String(error),
        );
      }
      this.count(payload.code);
      answer({ ok: false, error: payload });
      // Only a service behind the HTTP edge says this: the socket's token stopped being
      // accepted (it expired). The session is over, as a refused handshake would be: the client
      // reconnects with a fresh token instead of failing every event from now on.
      if (payload.code === 'UNAUTHENTICATED') socket.disconnect(true);
    }
  }

  private async handle(
    socket: Socket,
    event: unknown,
    args: readonly unknown[],
  ): Promise<Readonly<Record<string, unknown>>> {
    const route = typeof event === 'string' ? this.handlers.routes.get(event) : undefined;
    if (route === undefined) {
      const name = typeof event === 'string' ? event.slice(0, 64) : typeof event;
      throw new DomainError('UNKNOWN_EVENT', `Unknown event: ${name}`, 'invalid_command');
    }
    if (args.length !== 1) {
      throw new RequestValidationError([
        { field: 'payload', constraints: { payload: 'send exactly one payload and an ack' } },
      ]);
    }
    const payload = await validatePayload(route.payload, args[0]);
    return route.handle({ ...identityOf(socket), wsid: socket.id }, payload);
  }

  private count(outcome: string): void {
    this.metrics.clientEvents.inc({ outcome });
  }
}
