import { type Envelope, envelopeHeaders, serializeEnvelope } from '@switchboard/contracts';
import type { RecordedEvent } from '@switchboard/event-store';
import type { RelayMessage } from './relay.options';

/**
 * The aggregate id in a stream name: what follows the category's first `-`
 * (`consultation-7f3…` → `7f3…`, `conversation-a-b` → `a-b`), as EventStoreDB's `$by_category`
 * reads categories. A stream name without a `-` is its own id.
 */
export function aggregateIdOf(streamId: string): string {
  const dash = streamId.indexOf('-');
  return dash <= 0 || dash === streamId.length - 1 ? streamId : streamId.slice(dash + 1);
}

/**
 * The public envelope of a recorded event. Version comes from `metadata.version` (where
 * es-core stores it; 1 when absent); a missing correlation or causation id defaults to the
 * event's own id, the convention for the first message of a flow.
 */
export function toEnvelope(event: RecordedEvent): Envelope {
  const { metadata } = event;
  const version = metadata.version;
  return {
    id: event.id,
    type: event.type,
    version: typeof version === 'number' && Number.isInteger(version) && version >= 1 ? version : 1,
    streamId: event.streamId,
    revision: event.revision,
    position: event.position,
    occurredAt: event.recordedAt.toISOString(),
    correlationId: nonEmpty(metadata.correlationId) ?? event.id,
    causationId: nonEmpty(metadata.causationId) ?? event.id,
    data: event.data,
  };
}

/** What a context may change when it maps a domain event to its public contract. */
export interface EnvelopeOverrides {
  /** For a second message from one stored event: an id of its own (derived, so stable). */
  readonly id?: string;
  readonly type?: string;
  readonly version?: number;
  readonly data?: unknown;
  /** Default: the aggregate id of the stream. */
  readonly key?: string;
}

/**
 * A bus message carrying the event's envelope, keyed by aggregate id, with the
 * `ENVELOPE_HEADERS`. Routes' `toMessage` use it to publish a public shape of a domain event
 * (STYLE rule 6: `envelopeMessage(event, { type: 'ConsultationOpened', data: publicData })`).
 */
export function envelopeMessage(
  event: RecordedEvent,
  overrides: EnvelopeOverrides = {},
): RelayMessage {
  const base = toEnvelope(event);
  const envelope: Envelope = {
    ...base,
    id: overrides.id ?? base.id,
    type: overrides.type ?? base.type,
    version: overrides.version ?? base.version,
    data: 'data' in overrides ? overrides.data : base.data,
  };
  return {
    key: overrides.key ?? aggregateIdOf(event.streamId),
    value: serializeEnvelope(envelope),
    headers: envelopeHeaders(envelope),
  };
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
