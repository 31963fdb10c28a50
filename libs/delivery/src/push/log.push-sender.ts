import type { PushRequestedData } from '@switchboard/contracts/push-requests.contract';
import type { PushSender } from './push-sender.port';

export interface PushLogSink {
  log(message: string): void;
}

/**
 * The embedded default: one log line per notification, so a developer sees pushes happen
 * without a push service. The body stays out of the log (it is the customer's message).
 */
export class LogPushSender implements PushSender {
  constructor(private readonly sink: PushLogSink) {}

  send(request: PushRequestedData): Promise<void> {
    this.sink.log(
      `push ${request.pushId} → user ${request.userId}: "${request.title}" ` +
        `(conversation ${request.conversationId}, message ${request.messageId})`,
    );
    return Promise.resolve();
  }
}
