import type { PushRequestedData } from '@switchboard/contracts/push-requests.contract';
import {
  ExponentialBackoff,
  handleWhen,
  type IPolicy,
  retry,
  timeout,
  TimeoutStrategy,
  wrap,
} from 'cockatiel';
import { PushRejectedError, type PushSender } from './push-sender.port';

export interface WebhookPushSenderOptions {
  /** Where each notification is POSTed as JSON (env `PUSH_WEBHOOK_URL`). */
  readonly url: string;
  /** Per attempt (env `PUSH_WEBHOOK_TIMEOUT_MS`, default 5000). */
  readonly timeoutMs?: number;
  /** Retries after the first attempt (env `PUSH_WEBHOOK_RETRIES`, default 3). */
  readonly retries?: number;
  /** First backoff delay, doubling up to `maxDelayMs` (defaults 200 ms and 10 s). */
  readonly initialDelayMs?: number;
  readonly maxDelayMs?: number;
  /** Extra request headers, e.g. an authorization token for the receiver. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** A status worth another attempt: the receiver was busy, timed out or broke. */
class RetryableStatusError extends Error {
  constructor(readonly status: number) {
    super(`push webhook answered ${status}`);
    this.name = 'RetryableStatusError';
  }
}

/**
 * POSTs each notification as JSON to a webhook, with an `Idempotency-Key: <pushId>` header
 * so the receiver can drop repeats. Each attempt has a timeout; timeouts, network errors,
 * 5xx, 408 and 429 are retried with exponential backoff (cockatiel); any other 4xx is a
 * {@link PushRejectedError} at once. Rejects once retries are exhausted.
 */
export class WebhookPushSender implements PushSender {
  private readonly policy: IPolicy;
  private readonly url: string;
  private readonly headers: Readonly<Record<string, string>>;

  constructor(options: WebhookPushSenderOptions) {
    this.url = new URL(options.url).toString();
    this.headers = options.headers ?? {};
    const retries = options.retries ?? 3;
    const timeoutMs = options.timeoutMs ?? 5_000;
    if (!Number.isInteger(retries) || retries < 0) throw new RangeError('retries must be >= 0');
    if (!(timeoutMs > 0)) throw new RangeError('timeoutMs must be > 0');
    const retryPolicy = retry(
      handleWhen((error) => !(error instanceof PushRejectedError)),
      {
        maxAttempts: retries,
        backoff: new ExponentialBackoff({
          initialDelay: options.initialDelayMs ?? 200,
          maxDelay: options.maxDelayMs ?? 10_000,
        }),
      },
    );
    // Timeout inside the retry: every attempt gets its own deadline.
    this.policy = wrap(retryPolicy, timeout(timeoutMs, TimeoutStrategy.Aggressive));
  }

  async send(request: PushRequestedData): Promise<void> {
    const body = JSON.stringify(request);
    await this.policy.execute(async ({ signal }) => {
      const response = await fetch(this.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': request.pushId,
          ...this.headers,
        },
        body,
        signal,
      });
      // Drain the body so the connection can be reused.
      await response.arrayBuffer().catch(() => undefined);
      if (response.ok) return;
      if (isRetryable(response.status)) throw new RetryableStatusError(response.status);
      throw new PushRejectedError(response.status, `push webhook refused: ${response.status}`);
    });
  }
}

function isRetryable(status: number): boolean {
  return status >= 500 || status === 408 || status === 429;
}
