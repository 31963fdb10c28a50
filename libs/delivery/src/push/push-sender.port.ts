import type { PushRequestedData } from '@switchboard/contracts/push-requests.contract';

/**
 * Hands one offline notification to whatever reaches the device (a webhook into the
 * operator's push service, APNs/FCM later). Adapters: log (embedded default), webhook.
 * Resolves once the notification is accepted; rejects once the adapter gave up (its own
 * retries are exhausted, or the receiver refused it for good), and the worker dead-letters it.
 * Requests may repeat (at-least-once): receivers deduplicate by `pushId`.
 */
export interface PushSender {
  send(request: PushRequestedData): Promise<void>;
}

export const PUSH_SENDER = Symbol('PushSender');

/** The receiver refused the request and trying again would not help (HTTP 4xx). */
export class PushRejectedError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'PushRejectedError';
  }
}
