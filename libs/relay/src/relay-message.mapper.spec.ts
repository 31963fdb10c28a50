import type { RecordedEvent } from '@switchboard/event-store';
import { parseEnvelope } from '@switchboard/contracts';
import { describe, expect, it } from 'vitest';
import { aggregateIdOf, envelopeMessage, toEnvelope } from './relay-message.mapper';

const event: RecordedEvent = {
  id: '0b1c2a8e-3c1b-4d7e-9a55-0b2f6f3e9d10',
  streamId: 'conversation-9a7b-4c',
  type: 'MessagePosted',
  revision: 3,
  position: 120,
  data: { text: 'hi' },
  metadata: {},
  recordedAt: new Date('2026-02-01T10:00:00.000Z'),
};

describe('relay message mapping', () => {
  it.each([
    ['consultation-42', '42'],
    ['conversation-9a7b-4c', '9a7b-4c'],
    ['agent-', 'agent-'],
    ['plain', 'plain'],
    ['-lead', '-lead'],
  ])('aggregateIdOf(%s) is %s', (streamId, id) => {
    expect(aggregateIdOf(streamId)).toBe(id);
  });

  it('defaults version to 1 and correlation and causation to the event id', () => {
    expect(toEnvelope(event)).toMatchObject({
      version: 1,
      correlationId: event.id,
      causationId: event.id,
      occurredAt: '2026-02-01T10:00:00.000Z',
    });
    expect(toEnvelope({ ...event, metadata: { version: 'x' } }).version).toBe(1);
  });

  it('builds a valid envelope message and lets a context override type, data and key', () => {
    const message = envelopeMessage(event, {
      type: 'MessageSent',
      version: 2,
      data: { t: 1 },
      key: 'k',
    });
    expect(message.key).toBe('k');
    expect(parseEnvelope(message.value)).toMatchObject({
      type: 'MessageSent',
      version: 2,
      data: { t: 1 },
    });
    expect(message.headers).toMatchObject({ 'event-type': 'MessageSent', 'event-version': '2' });
    expect(envelopeMessage(event, { data: null }).value).toContain('"data":null');
  });
});
