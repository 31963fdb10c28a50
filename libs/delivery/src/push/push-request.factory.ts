import type { OutgoingMessage } from '@switchboard/bus';
import { type Envelope, envelopeHeaders, serializeEnvelope, TOPICS } from '@switchboard/contracts';
import {
  PUSH_REQUESTED,
  type PushRequestedEnvelope,
} from '@switchboard/contracts/push-requests.contract';
import { deriveEventId } from '@switchboard/es-core';
import type { PushContent } from '../dispatcher/dispatch.plan';

/** Same source event and user → same pushId, so a redelivered event yields a duplicate id. */
export function pushIdFor(sourceEventId: string, userId: string): string {
  return deriveEventId(`push\u0000${sourceEventId}\u0000${userId}`, 0);
}

/**
 * The `push.requests.v1` message for one offline user: an envelope whose id is the pushId,
 * caused by the source event and in its correlation, keyed by userId.
 */
export function pushRequestMessage(
  source: Envelope,
  userId: string,
  content: PushContent,
): OutgoingMessage {
  const pushId = pushIdFor(source.id, userId);
  const envelope: PushRequestedEnvelope = {
    id: pushId,
    type: PUSH_REQUESTED,
    version: 1,
    streamId: `push-${userId}`,
    revision: 0,
    position: source.position,
    occurredAt: source.occurredAt,
    correlationId: source.correlationId,
    causationId: source.id,
    data: { pushId, userId, ...content },
  };
  return {
    topic: TOPICS.pushRequests,
    key: userId,
    value: serializeEnvelope(envelope),
    headers: envelopeHeaders(envelope),
  };
}
