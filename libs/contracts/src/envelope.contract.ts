/**
 * The envelope of every message on Switchboard's public topics (contract v1), serialized as
 * one JSON object per Kafka message value. Its JSON Schema is {@link ENVELOPE_SCHEMA}
 * (`schemas/envelope.v1.schema.json`); {@link parseEnvelope} checks both.
 *
 * Compatibility inside v1: fields may be ADDED (consumers must ignore fields they do not know);
 * no field is removed, renamed or retyped. `data` is versioned per event type by `version`.
 *
 * Delivery is at-least-once: a consumer may see one envelope more than once and must
 * deduplicate by `id`. Within one key (one aggregate) envelopes arrive in `revision` order.
 */
export interface Envelope<Type extends string = string, Data = unknown> {
  /** The event id (a UUID, lowercase): unique across the store; the deduplication key. */
  readonly id: string;
  /** Event type, e.g. `ConsultationOpened`. */
  readonly type: Type;
  /** Schema version of `data` for this type, from 1. */
  readonly version: number;
  /** The aggregate's stream, e.g. `consultation-<id>`. */
  readonly streamId: string;
  /** 0-based, dense revision of the event within its stream. */
  readonly revision: number;
  /**
   * Global position in the event log: increasing in commit order, not dense. Comparable only
   * between envelopes from one Switchboard installation.
   */
  readonly position: number;
  /** When the event was recorded, ISO 8601 in UTC (`2026-01-31T12:00:00.000Z`). */
  readonly occurredAt: string;
  /**
   * The request or conversation flow this event belongs to. An event that started a flow has
   * its own id here.
   */
  readonly correlationId: string;
  /** The command or message that caused this event (its own id when unknown). */
  readonly causationId: string;
  /** The event's payload; its shape is the (type, version) contract on this topic. */
  readonly data: Data;
}

/**
 * Kafka headers every envelope is published with, so a consumer can route or drop a message
 * without parsing its value. Values are strings.
 */
export const ENVELOPE_HEADERS = {
  /** `application/json`. */
  contentType: 'content-type',
  /** The envelope's `id`. */
  eventId: 'event-id',
  /** The envelope's `type`. */
  eventType: 'event-type',
  /** The envelope's `version`, in decimal. */
  eventVersion: 'event-version',
  correlationId: 'correlation-id',
  causationId: 'causation-id',
} as const;

/** Value of the `content-type` header. */
export const ENVELOPE_CONTENT_TYPE = 'application/json';

/** The headers for an envelope, per {@link ENVELOPE_HEADERS}. */
export function envelopeHeaders(envelope: Envelope): Record<string, string> {
  return {
    [ENVELOPE_HEADERS.contentType]: ENVELOPE_CONTENT_TYPE,
    [ENVELOPE_HEADERS.eventId]: envelope.id,
    [ENVELOPE_HEADERS.eventType]: envelope.type,
    [ENVELOPE_HEADERS.eventVersion]: String(envelope.version),
    [ENVELOPE_HEADERS.correlationId]: envelope.correlationId,
    [ENVELOPE_HEADERS.causationId]: envelope.causationId,
  };
}
