import type { IHeaders, KafkaMessage, Message } from 'kafkajs';
import type { ConsumedMessage, Headers, OutgoingMessage } from '../bus.port';

export function toKafkaMessage(message: OutgoingMessage): Message {
  return { key: message.key, value: message.value, headers: { ...(message.headers ?? {}) } };
}

export function toConsumedMessage(
  topic: string,
  partition: number,
  message: KafkaMessage,
): ConsumedMessage {
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key?.toString('utf8') ?? '',
    value: message.value?.toString('utf8') ?? '',
    headers: fromKafkaHeaders(message.headers),
    timestamp: new Date(Number(message.timestamp)),
  };
}

/**
 * kafkajs hands header values over as Buffers, and a header repeated in one record as an array;
 * the port has one string per name, so a repeated header keeps its last value (as the Java
 * client's `lastHeader`).
 */
function fromKafkaHeaders(headers: IHeaders | undefined): Headers {
  const result: Record<string, string> = {};
  for (const [name, raw] of Object.entries(headers ?? {})) {
    const value = Array.isArray(raw) ? raw[raw.length - 1] : raw;
    if (value !== undefined)
      result[name] = typeof value === 'string' ? value : value.toString('utf8');
  }
  return result;
}
