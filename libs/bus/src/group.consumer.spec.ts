import { describe, expect, it, vi } from 'vitest';
import { type Bus } from './bus.port';
import { silentBusLogger } from './bus.logger';
import { GroupConsumer } from './group.consumer';
import { InMemoryBus } from './in-memory/in-memory.bus';

describe('GroupConsumer', () => {
  it('joins, receives, and leaves', async () => {
    const bus = new InMemoryBus();
    const seen: string[] = [];
    const group = new GroupConsumer(
      { bus, groupId: 'g', topics: ['t'], logger: silentBusLogger },
      async (m) => void seen.push(m.value),
    );
    await group.start();
    expect(group.joined).toBe(true);
    await bus.publish({ topic: 't', key: 'k', value: 'v1' });
    await vi.waitFor(() => expect(seen).toEqual(['v1']));
    await group.stop();
    expect(group.joined).toBe(false);
    await bus.close();
  });

  it('keeps trying to join a bus that refuses, without failing start()', async () => {
    const bus = new InMemoryBus();
    let refusals = 2;
    const flaky: Bus = Object.assign(Object.create(bus) as Bus, {
      ensureTopics: (topics: readonly string[]) =>
        refusals-- > 0 ? Promise.reject(new Error('not ready')) : bus.ensureTopics(topics),
    });
    const errors: string[] = [];
    const group = new GroupConsumer(
      {
        bus: flaky,
        groupId: 'g',
        topics: ['t'],
        retryDelayMs: 10,
        logger: { warn: () => undefined, error: (message) => void errors.push(message) },
      },
      async () => undefined,
    );
    await group.start();
    expect(group.joined).toBe(false);
    await vi.waitFor(() => expect(group.joined).toBe(true));
    expect(errors).toHaveLength(2);
    await group.stop();
    await bus.close();
  });

  it('stops retrying once stopped', async () => {
    const refusing = { ensureTopics: vi.fn(() => Promise.reject(new Error('down'))) };
    const group = new GroupConsumer(
      {
        bus: refusing as unknown as Bus,
        groupId: 'g',
        topics: ['t'],
        retryDelayMs: 5,
        logger: silentBusLogger,
      },
      async () => undefined,
    );
    await group.start();
    await group.stop();
    const calls = refusing.ensureTopics.mock.calls.length;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(refusing.ensureTopics.mock.calls.length).toBe(calls);
  });
});
