import { TOPICS } from '@switchboard/contracts';
import { type RecordedEvent } from '@switchboard/event-store';
import { envelopeMessage, type RelayMessage, type RelayRoute } from '@switchboard/relay';
import { deriveEventId } from '@switchboard/es-core';
import {
  AGENT_STREAM_PREFIX,
  type AgentConsultationsTaken,
  CONSULTATION_STREAM_PREFIX,
  takesOf,
  type ConsultationAssigned,
  publicAssignedData,
} from '../domain';
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
 * A consultation event as a `consultation.events.v1` message. `ConsultationAssigned` is stored as
 * v4 (candidates in columns, D32; shared values once, D44; its accept timeout scheduled by the
 * event itself, D45) and published in its v1 shape, followed by the `TimerScheduled` the topic
 * has always carried after it, so the topic's contract and its consumers do not change; every
 * other event is published as stored.
 */
export function consultationMessage(event: RecordedEvent): RelayMessage | RelayMessage[] {
  if (event.type !== 'ConsultationAssigned') return envelopeMessage(event);
  const version = typeof event.metadata.version === 'number' ? event.metadata.version : 1;
  const assigned = envelopeMessage(event, {
    version: 1,
    data: publicAssignedData(version, event.data),
  });
  const timer = acceptTimerOf(event.data);
  if (timer === undefined) return assigned;
  return [
    assigned,
    envelopeMessage(event, {
      // Its own id, derived from the stored event's: stable across re-publishing.
      id: deriveEventId(`${event.id}:accept-timer`, 0),
      type: 'TimerScheduled',
      version: 1,
      data: timer,
    }),
  ];
}

/** The public `TimerScheduled` data of a v4 assignment's accept timeout. */
function acceptTimerOf(data: unknown) {
  const { consultationId, acceptTimerId, acceptDeadline } = data as ConsultationAssigned['data'];
  if (acceptTimerId === undefined) return undefined;
  return { consultationId, timerId: acceptTimerId, kind: 'accept_timeout', dueAt: acceptDeadline };
}

/**
 * An agent event as an `agent.events.v1` message. A drain's `AgentConsultationsTaken` (D47) is
 * published as the `AgentConsultationTaken` per consultation the topic has always carried, in
 * order, each with its own load and an id derived from the stored event's (stable when
 * re-published); every other event is published as stored.
 */
export function agentMessage(event: RecordedEvent): RelayMessage | RelayMessage[] {
  if (event.type !== 'AgentConsultationsTaken') return envelopeMessage(event);
  const taken = { type: event.type, version: 1, data: event.data } as AgentConsultationsTaken;
  const { agentId, capacity, at } = taken.data;
  return takesOf(taken).map(({ consultationId, load }, i) =>
    envelopeMessage(event, {
      id: deriveEventId(`${event.id}:take`, i),
      type: 'AgentConsultationTaken',
      version: 1,
      data: { agentId, consultationId, load, capacity, at },
    }),
  );
}

/**
 * What the consultation context publishes (DESIGN: Kafka topics): its lifecycle and auto replies
 * on `consultation.events.v1`, agents on `agent.events.v1`, each keyed by the id consumers
 * order by.
 */
export const CONSULTATION_RELAY_ROUTES: readonly RelayRoute[] = Object.freeze([
  {
    streamPrefix: CONSULTATION_STREAM_PREFIX,
    topic: TOPICS.consultationEvents,
    toMessage: consultationMessage,
  },
  {
    streamPrefix: AUTO_REPLY_STREAM_PREFIX,
    topic: TOPICS.consultationEvents,
    toMessage: autoReplyMessage,
  },
  { streamPrefix: AGENT_STREAM_PREFIX, topic: TOPICS.agentEvents, toMessage: agentMessage },
]);
