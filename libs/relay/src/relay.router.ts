import type { OutgoingMessage } from '@switchboard/bus';
import { validateMessage, validateTopic } from '@switchboard/bus/bus.validation';
import { type ContractRegistry, dlqTopic } from '@switchboard/contracts';
import type { RecordedEvent } from '@switchboard/event-store';
import { envelopeMessage } from './relay-message.mapper';
import type { RelayLogger, RelayMessage, RelayRoute } from './relay.options';

/** Header on a dead-lettered message: why the relay could not publish it to its topic. */
export const RELAY_ERROR_HEADER = 'relay-error';

/**
 * Kafka's default `message.max.bytes` is 1 MiB; a larger message would fail its whole batch
 * on every retry and stall the relay, so it is dead-lettered (without its data) instead.
 */
const MAX_VALUE_BYTES = 900_000;

/**
 * Turns one recorded event into the bus messages of every route it matches. Never throws for
 * a bad event: a mapping that throws, a message the bus would refuse, one too large, or one
 * that breaks its registered contract goes to the route topic's `.dlq` with the reason in the
 * `relay-error` header, and is logged. Nothing is skipped silently, and one bad event never
 * blocks the events behind it.
 */
export class RelayRouter {
  readonly prefixes: readonly string[];
  /** Every topic the routes may publish to, dead-letter topics included. */
  readonly topics: readonly string[];
  /** Events sent to a dead-letter topic since construction. */
  deadLettered = 0;

  constructor(
    private readonly routes: readonly RelayRoute[],
    private readonly contracts: ContractRegistry | undefined,
    private readonly logger: RelayLogger,
  ) {
    if (routes.length === 0) throw new Error('Relay: at least one route is needed');
    for (const route of routes) {
      if (typeof route.streamPrefix !== 'string' || route.streamPrefix.length === 0) {
        throw new Error(`Relay: route to ${route.topic} needs a non-empty streamPrefix`);
      }
      validateTopic(route.topic);
    }
    this.prefixes = [...new Set(routes.map((route) => route.streamPrefix))];
    const topics = new Set(routes.map((route) => route.topic));
    this.topics = [...topics, ...[...topics].map(dlqTopic)];
  }

  messagesFor(event: RecordedEvent): OutgoingMessage[] {
    const out: OutgoingMessage[] = [];
    for (const route of this.routes) {
      if (!event.streamId.startsWith(route.streamPrefix)) continue;
      let mapped: RelayMessage | readonly RelayMessage[] | null;
      try {
        mapped = route.toMessage === undefined ? envelopeMessage(event) : route.toMessage(event);
      } catch (error) {
        out.push(this.deadLetter(route, event, `mapping failed: ${messageOf(error)}`));
        continue;
      }
      if (mapped === null) continue;
      for (const one of isList(mapped) ? mapped : [mapped]) {
        out.push(this.checked(route, event, one));
      }
    }
    return out;
  }

  /** The message for the route's topic, or its dead letter when the bus or contract refuse it. */
  private checked(route: RelayRoute, event: RecordedEvent, mapped: RelayMessage): OutgoingMessage {
    const message: OutgoingMessage = { topic: route.topic, ...mapped };
    try {
      validateMessage(message);
    } catch (error) {
      return this.deadLetter(route, event, messageOf(error));
    }
    if (Buffer.byteLength(message.value) > MAX_VALUE_BYTES) {
      return this.deadLetter(route, event, `value over ${MAX_VALUE_BYTES} bytes`);
    }
    if (this.contracts !== undefined) {
      try {
        this.contracts.parse(message.value, route.topic);
      } catch (error) {
        return this.deadLetter(route, event, messageOf(error), message);
      }
    }
    return message;
  }

  private deadLetter(
    route: RelayRoute,
    event: RecordedEvent,
    reason: string,
    original?: OutgoingMessage,
  ): OutgoingMessage {
    this.deadLettered += 1;
    const topic = dlqTopic(route.topic);
    this.logger.error('Event dead-lettered instead of published', {
      topic: route.topic,
      dlq: topic,
      eventId: event.id,
      streamId: event.streamId,
      position: event.position,
      reason,
    });
    let base: RelayMessage = original ?? envelopeMessage(event);
    if (Buffer.byteLength(base.value) > MAX_VALUE_BYTES)
      base = envelopeMessage(event, { data: null });
    return {
      topic,
      key: base.key,
      value: base.value,
      headers: { ...base.headers, [RELAY_ERROR_HEADER]: reason.slice(0, 1_000) },
    };
  }
}

function isList(mapped: RelayMessage | readonly RelayMessage[]): mapped is readonly RelayMessage[] {
  return Array.isArray(mapped);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
