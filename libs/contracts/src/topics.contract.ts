/**
 * The public Kafka topics of Switchboard (v1). Each carries JSON {@link Envelope}s; the
 * message key is the aggregate id named below, so every message of one aggregate lands on one
 * partition and is consumed in order.
 *
 * A topic's name ends in its contract version: an incompatible change to a topic's envelope or
 * messages ships as a new topic (`….v2`) next to the old one, never as an edit of `….v1`.
 */
export const TOPICS = {
  /** Consultation lifecycle events. Key: consultationId. */
  consultationEvents: 'consultation.events.v1',
  /** Conversation messages, read cursors and other messaging events. Key: conversationId. */
  imMessages: 'im.messages.v1',
  /** Agent status, capacity, groups and skills. Key: agentId. */
  agentEvents: 'agent.events.v1',
  /** Offline notifications for the push sender. Key: the recipient's userId. */
  pushRequests: 'push.requests.v1',
  /** Integration input: orders from the commerce side, for conversion metrics. Key: orderId. */
  commerceOrders: 'commerce.orders.v1',
} as const;

/** One of the public topic names. */
export type Topic = (typeof TOPICS)[keyof typeof TOPICS];

/** Every public topic, e.g. for `Bus.ensureTopics`. */
export const ALL_TOPICS: readonly Topic[] = Object.freeze(Object.values(TOPICS));

const DLQ_SUFFIX = '.dlq';

/**
 * The dead-letter topic next to `topic`: where a consumer parks a message it cannot handle
 * (for example one that fails {@link parseEnvelope}) instead of blocking its partition.
 *
 * @throws RangeError for an empty name or a name that is already a dead-letter topic.
 */
export function dlqTopic(topic: string): string {
  if (typeof topic !== 'string' || topic.length === 0) {
    throw new RangeError('dlqTopic: the topic name must be a non-empty string');
  }
  if (isDlqTopic(topic)) throw new RangeError(`dlqTopic: ${topic} is already a dead-letter topic`);
  return `${topic}${DLQ_SUFFIX}`;
}

/** Whether `topic` is a dead-letter topic made by {@link dlqTopic}. */
export function isDlqTopic(topic: string): boolean {
  return topic.endsWith(DLQ_SUFFIX);
}
