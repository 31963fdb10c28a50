import type { ConnectionGate } from './connection.gate';
import { backoffDelay, sleep, type RetryPolicy } from './retry.policy';
import { SwitchboardError } from './switchboard.error';
import type { RequestEvent, Transport } from './transport.port';

/** How the client puts requests on the transport: at once, once connected, or until done. */
export class RequestRunner {
  constructor(
    private readonly transport: Transport,
    private readonly gate: ConnectionGate,
    private readonly retry: RetryPolicy,
    private readonly timeoutMs: number,
    private readonly isClosed: () => boolean,
  ) {}

  /** Ephemeral requests (typing): one attempt now; DISCONNECTED when offline. */
  now(event: RequestEvent, payload: Record<string, unknown>): Promise<unknown> {
    return this.transport.request(event, payload, this.timeoutMs);
  }

  /** Requests a blind repeat could double (consultation.rate): one attempt once connected. */
  async once(event: RequestEvent, payload: Record<string, unknown>): Promise<unknown> {
    await this.gate.wait();
    return this.transport.request(event, payload, this.timeoutMs);
  }

  /**
   * Idempotent requests (sends carry their clientMsgId): waits for a connection, repeats the
   * SAME payload after a retryable failure with backoff, until an answer or a typed refusal.
   */
  async untilDone(event: RequestEvent, payload: Record<string, unknown>): Promise<unknown> {
    for (let attempt = 1; ; attempt++) {
      await this.gate.wait();
      try {
        return await this.transport.request(event, payload, this.timeoutMs);
      } catch (error) {
        const failure =
          error instanceof SwitchboardError
            ? error
            : new SwitchboardError('INTERNAL', String(error));
        const giveUp = !failure.retryable || attempt >= this.retry.maxAttempts;
        if (giveUp || this.isClosed()) throw failure;
        await sleep(backoffDelay(this.retry, attempt));
      }
    }
  }
}
