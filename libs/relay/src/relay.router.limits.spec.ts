import { TOPICS } from '@switchboard/contracts';
import type { RecordedEvent } from '@switchboard/event-store';
import { describe, expect, it } from 'vitest';
import { silentRelayLogger } from './relay.options';
import { RELAY_ERROR_HEADER, RelayRouter } from './relay.router';

const event = (data: unknown): RecordedEvent => ({
  id: '5a1c2a8e-3c1b-4d7e-9a55-0b2f6f3e9d10',
  streamId: 'consultation-big',
  type: 'AttachmentInlined',
  revision: 0,
  position: 9,
  data,
  metadata: {},
  recordedAt: new Date('2026-02-01T10:00:00.000Z'),
});

describe('RelayRouter limits', () => {
  const router = new RelayRouter(
    [{ streamPrefix: 'consultation-', topic: TOPICS.consultationEvents }],
    undefined,
    silentRelayLogger,
  );

  it('dead-letters a message over the broker size limit, without its data', () => {
    const [message] = router.messagesFor(event({ blob: 'x'.repeat(1_000_000) }));
    expect(message!.topic).toBe('consultation.events.v1.dlq');
    expect(message!.headers?.[RELAY_ERROR_HEADER]).toMatch(/value over 900000 bytes/);
    expect(JSON.parse(message!.value)).toMatchObject({ id: event(null).id, data: null });
    expect(message!.value.length).toBeLessThan(1_000);
  });

  it('publishes a message under the limit unchanged', () => {
    const [message] = router.messagesFor(event({ blob: 'x'.repeat(1_000) }));
    expect(message!.topic).toBe(TOPICS.consultationEvents);
    expect(message!.key).toBe('big');
  });

  it('lists the topics to create: each route topic and its dead-letter topic', () => {
    expect(router.topics).toEqual(['consultation.events.v1', 'consultation.events.v1.dlq']);
  });

  it('ignores streams outside its prefixes', () => {
    expect(router.messagesFor({ ...event({}), streamId: 'agent-1' })).toEqual([]);
  });
});
