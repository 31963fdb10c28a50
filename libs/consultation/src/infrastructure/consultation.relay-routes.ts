import { TOPICS } from '@switchboard/contracts';
import { type RecordedEvent } from '@switchboard/event-store';
import { envelopeMessage, type RelayMessage, type RelayRoute } from '@switchboard/relay';
import { AGENT_STREAM_PREFIX, CONSULTATION_STREAM_PREFIX } from '../domain';
import { AUTO_REPLY_STREAM_PREFIX } from '../domain/service-hours';

/**
 * An auto reply as a `consultation.events.v1` message. Keyed by consultationId, not by the
 * stream's aggregate id (`auto-reply-<id>` would give `reply-<id>`): the reply then shares the
 * consultation's partition and reaches consumers in order with its lifecycle events. A stored
 * event without a consultation id has no public shape and stays out of the topic.
 */
export function autoReplyMessage(event: RecordedEvent): RelayMessage | null {
  const consultationId = (event.data as { consultationId?: unknown } | null)?.consultationId;
  if (typeof consultationId !== 'string' || consultationId.length === 0) return null;
  return envelopeMessage(event, { key: consultationId });
}

/**
 * What the consultation context publishes (DESIGN: Kafka topics): its lifecycle and auto replies
 * on `consultation.events.v1`, agents on `agent.events.v1`, each keyed by the id consumers
 * order by.
 */
export const CONSULTATION_RELAY_ROUTES: readonly RelayRoute[] = Object.freeze([
  { streamPrefix: CONSULTATION_STREAM_PREFIX, topic: TOPICS.consultationEvents },
  {
    streamPrefix: AUTO_REPLY_STREAM_PREFIX,
    topic: TOPICS.consultationEvents,
    toMessage: autoReplyMessage,
  },
  { streamPrefix: AGENT_STREAM_PREFIX, topic: TOPICS.agentEvents },
]);
