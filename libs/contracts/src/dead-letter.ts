import type { ConsumedMessage, OutgoingMessage } from '@switchboard/bus';
import { dlqTopic } from './topics.contract';

/** Header on a dead-lettered message naming why its consumer could not handle it. */
export const DLQ_REASON_HEADER = 'x-dlq-reason';

const MAX_REASON = 1_000;

/**
 * The message to publish on `<topic>.dlq` for a consumed message its consumer cannot handle
 * (not an envelope, data without the fields relied on, refused downstream): the same key, value
 * and headers, plus the reason, so an operator can inspect it and re-publish it after a fix.
 */
export function deadLetterOf(message: ConsumedMessage, reason: string): OutgoingMessage {
  return {
    topic: dlqTopic(message.topic),
    key: message.key,
    value: message.value,
    headers: { ...message.headers, [DLQ_REASON_HEADER]: reason.slice(0, MAX_REASON) },
  };
}
