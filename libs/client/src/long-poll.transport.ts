import { CLIENT_ERROR_CODES, SwitchboardError } from './switchboard.error';
import { backoffDelay, retryPolicy, sleep, type RetryOptions } from './retry.policy';
import type { RestClient } from './rest.client';
import { inChunks, LOST_ACCESS } from './protocol.limits';
import type { MessageView, SyncResult } from './client.types';
import type { RequestEvent, Transport, TransportHandlers } from './transport.port';

export interface LongPollTransportOptions {
  readonly rest: RestClient;
  readonly deviceId: string;
  /** Seconds the server may park a poll (0..30). Default 25. */
  readonly waitSeconds?: number;
  /** Messages per poll. Default 100. */
  readonly limit?: number;
  /** How often `GET /v1/conversations` looks for conversations the client does not track. */
  readonly discoverIntervalMs?: number;
  /** Called to (re)discover conversations; rejects with UNAUTHENTICATED for a bad token. */
  readonly discover: () => Promise<void>;
  /** Called when a poll is refused for a conversation the reader lost: untrack it. */
  readonly prune: () => Promise<void>;
  /** Backoff after a failed poll. */
  readonly retry?: RetryOptions;
}

/**
 * REST only, for networks where neither WebSocket nor socket.io's polling gets through:
 * requests are POSTs, receiving is a loop of `POST /v1/conversations/sync` with `wait` over the
 * client's cursors. "Connected" means the last poll succeeded. Presence, typing and
 * consultation pushes have no REST route and are not delivered over this transport.
 */
export class LongPollTransport implements Transport {
  readonly kind = 'long-poll' as const;
  private running = false;
  private connected = false;
  private abortPoll: (() => void) | undefined;

  constructor(private readonly options: LongPollTransportOptions) {}

  open(handlers: TransportHandlers): void {
    this.running = true;
    void this.loop(handlers);
  }

  isConnected(): boolean {
    return this.connected;
  }

  async request(
    event: RequestEvent,
    payload: Record<string, unknown>,
    timeoutMs: number,
  ): Promise<unknown> {
    if (!this.running) throw new SwitchboardError(CLIENT_ERROR_CODES.closed, 'Client closed');
    const rest = this.options.rest;
    const call = <T>(path: string, body: unknown): Promise<T> =>
      rest.call<T>('POST', path, body, { timeoutMs });
    const { conversationId, consultationId, ...body } = payload;
    const id = encodeURIComponent(String(conversationId ?? consultationId ?? ''));
    switch (event) {
      case 'message.send':
        return { message: await call<MessageView>(`/v1/conversations/${id}/messages`, body) };
      case 'conversation.sync':
        return call<SyncResult>('/v1/conversations/sync', payload);
      case 'conversation.read': {
        const deviceId = this.options.deviceId;
        const answer = await call<{ seq: number }>(`/v1/conversations/${id}/read`, {
          ...body,
          deviceId,
        });
        return { seq: answer.seq };
      }
      case 'typing':
        // Ephemeral and without a REST route: dropping it is what a lost packet would do.
        return {};
      case 'consultation.open': {
        // The socket's requestId is REST's Idempotency-Key header.
        const { requestId, ...open } = payload;
        const headers =
          typeof requestId === 'string' ? { 'idempotency-key': requestId } : undefined;
        const opened = await rest.call<unknown>('POST', '/v1/consultations', open, {
          timeoutMs,
          ...(headers === undefined ? {} : { headers }),
        });
        return { consultation: opened };
      }
      case 'consultation.rate':
        await call<unknown>(`/v1/consultations/${id}/rate`, body);
        return {};
    }
  }

  close(): void {
    this.running = false;
    this.connected = false;
    this.abortPoll?.();
  }

  private async loop(handlers: TransportHandlers): Promise<void> {
    const policy = retryPolicy(this.options.retry);
    const waitSeconds = this.options.waitSeconds ?? 25;
    const discoverEvery = this.options.discoverIntervalMs ?? 30_000;
    let failures = 0;
    let round = 0;
    let lastDiscovery = Number.NEGATIVE_INFINITY;
    while (this.running) {
      try {
        if (!this.connected || Date.now() - lastDiscovery >= discoverEvery) {
          await this.options.discover();
          lastDiscovery = Date.now();
        }
        if (!this.connected) {
          this.connected = true;
          failures = 0;
          handlers.connected();
        }
        const chunks = inChunks(handlers.cursors());
        if (chunks.length === 0) {
          // Nothing to park on: look for new conversations again a little later.
          await sleep(Math.min(discoverEvery, 1_000));
          lastDiscovery = Number.NEGATIVE_INFINITY;
          continue;
        }
        // Over 200 conversations, one poll cannot cover them all: take the chunks in turn,
        // each parked briefly, so a message anywhere waits at most about a second per chunk.
        round += 1;
        const cursors = chunks[round % chunks.length];
        const wait = chunks.length === 1 ? waitSeconds : Math.min(waitSeconds, 1);
        const result = await this.options.rest.call<SyncResult>(
          'POST',
          '/v1/conversations/sync',
          { cursors, limit: this.options.limit ?? 100, wait },
          {
            timeoutMs: (waitSeconds + 10) * 1_000,
            onAbortable: (abort) => (this.abortPoll = abort),
          },
        );
        failures = 0;
        if (this.running) handlers.polled(result.messages);
      } catch (error) {
        if (!this.running) return;
        const failure =
          error instanceof SwitchboardError
            ? error
            : new SwitchboardError(CLIENT_ERROR_CODES.network, String(error));
        if (LOST_ACCESS.has(failure.code)) {
          // Not a connectivity problem: drop the conversation and poll the rest at once.
          await this.options.prune().catch(() => sleep(backoffDelay(policy, ++failures)));
          continue;
        }
        if (failure.code === 'UNAUTHENTICATED') {
          this.running = false;
          this.connected = false;
          handlers.failed(failure);
          return;
        }
        if (this.connected) {
          this.connected = false;
          handlers.disconnected(failure.message);
        }
        failures += 1;
        await sleep(backoffDelay(policy, failures));
      }
    }
  }
}
