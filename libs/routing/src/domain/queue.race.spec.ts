import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleCommand, isDomainError } from '@switchboard/es-core';
import { SqliteEventStore } from '@switchboard/event-store/sqlite/sqlite.event-store';
import { FixedClock } from '@switchboard/testing';
import { queueDecider } from './queue.decider';
import { type QueueCommand, queueStreamId } from './queue.events';

// The guarantee the queue decider's comment promises, against a real store: concurrent
// routers appending with expected revision never take one consultation out twice.
describe('queue stream as the one writer', () => {
  const clock = new FixedClock('2026-03-01T09:00:00.000Z');
  let store: SqliteEventStore;
  let commands = 0;
  const run = (streamId: string, command: Omit<QueueCommand, 'metadata'>) =>
    handleCommand(
      store,
      streamId,
      queueDecider,
      {
        ...command,
        metadata: { commandId: `race-${++commands}`, now: clock.now() },
      } as QueueCommand,
      { maxAttempts: 100, backoffMs: () => 0 },
    );

  beforeAll(async () => {
    store = await SqliteEventStore.open({ filename: ':memory:' });
  });
  afterAll(() => store.close());

  it('20 routers claim the same consultation for 20 agents: exactly one wins', async () => {
    const stream = queueStreamId(`group:race-${commands}`);
    await run(stream, { type: 'enqueue', data: { consultationId: 'c-1', domain: 'travel' } });
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        run(stream, {
          type: 'dequeue',
          data: { consultationId: 'c-1', reason: 'assigned', agentId: `a-${i}` },
        }),
      ),
    );
    const won = results.filter((result) => result.status === 'fulfilled');
    const lost = results.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(19);
    for (const error of lost) {
      expect(isDomainError(error) && error.code).toBe('QUEUE_ENTRY_NOT_FOUND');
    }
    const history = await store.readStream(stream);
    expect(history.filter((event) => event.type === 'ConsultationDequeued')).toHaveLength(1);
  });

  it('concurrent enqueues of one consultation leave it queued once', async () => {
    const stream = queueStreamId(`group:race-${commands}`);
    await Promise.all(
      Array.from({ length: 10 }, () =>
        run(stream, { type: 'enqueue', data: { consultationId: 'c-1', domain: 'travel' } }),
      ),
    );
    const history = await store.readStream(stream);
    expect(history.map((event) => event.type)).toEqual(['ConsultationEnqueued']);
  });
});
