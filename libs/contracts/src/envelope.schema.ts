/**
 * JSON Schema (draft 2020-12) of the v1 {@link Envelope}. The same document is checked in as
 * `libs/contracts/schemas/envelope.v1.schema.json` for consumers outside TypeScript (a test
 * keeps the two equal). `additionalProperties` stays open: adding a field is compatible within
 * v1, and tolerant readers ignore what they do not know.
 *
 * `data` is any JSON value here; the (topic, type, version) contracts registered with
 * {@link registerContract} narrow it.
 */
export const ENVELOPE_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'urn:switchboard:contracts:envelope:v1',
  title: 'Switchboard event envelope (v1)',
  type: 'object',
  required: [
    'id',
    'type',
    'version',
    'streamId',
    'revision',
    'position',
    'occurredAt',
    'correlationId',
    'causationId',
    'data',
  ],
  properties: {
    id: { description: 'Event id; the deduplication key.', type: 'string', format: 'uuid' },
    type: { description: 'Event type.', type: 'string', minLength: 1, maxLength: 200 },
    version: { description: 'Schema version of data, from 1.', type: 'integer', minimum: 1 },
    streamId: { description: 'Stream of the aggregate.', type: 'string', minLength: 1 },
    revision: { description: 'Revision within the stream, from 0.', type: 'integer', minimum: 0 },
    position: { description: 'Global position in the log.', type: 'integer', minimum: 0 },
    occurredAt: { description: 'When it was recorded (UTC).', type: 'string', format: 'date-time' },
    correlationId: { description: 'Flow the event belongs to.', type: 'string', minLength: 1 },
    causationId: { description: 'What caused the event.', type: 'string', minLength: 1 },
    data: { description: 'Payload, per (type, version).' },
  },
  additionalProperties: true,
} as const;
