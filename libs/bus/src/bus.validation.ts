import type { ConsumeOptions, OutgoingMessage } from './bus.port';

/** Kafka's own rule for topic names; the in-memory bus applies it too so both adapters agree. */
const TOPIC_NAME = /^[a-zA-Z0-9._-]{1,249}$/;

export function asList(
  messages: OutgoingMessage | readonly OutgoingMessage[],
): readonly OutgoingMessage[] {
  return isList(messages) ? messages : [messages];
}

function isList(
  messages: OutgoingMessage | readonly OutgoingMessage[],
): messages is readonly OutgoingMessage[] {
  return Array.isArray(messages);
}

export function validateTopic(topic: unknown): void {
  if (typeof topic !== 'string' || !TOPIC_NAME.test(topic)) {
    throw new TypeError(`invalid topic name ${JSON.stringify(topic)}: use 1-249 of [a-zA-Z0-9._-]`);
  }
}

/** Rejects a malformed message before anything of its batch is published. */
export function validateMessage(message: OutgoingMessage): void {
  validateTopic(message.topic);
  if (typeof message.key !== 'string')
    throw new TypeError(`message key must be a string (topic ${message.topic})`);
  if (typeof message.value !== 'string')
    throw new TypeError(`message value must be a string (topic ${message.topic})`);
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    if (typeof value !== 'string')
      throw new TypeError(`header ${name} must be a string (topic ${message.topic})`);
  }
}

export function validateConsumeOptions(options: ConsumeOptions): void {
  if (typeof options.groupId !== 'string' || options.groupId.length === 0) {
    throw new TypeError('consume: groupId must be a non-empty string');
  }
  if (options.topics.length === 0) throw new TypeError('consume: at least one topic is needed');
  options.topics.forEach(validateTopic);
}
