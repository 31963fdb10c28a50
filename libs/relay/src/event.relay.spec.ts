import { ENVELOPE_HEADERS, TOPICS } from '@switchboard/contracts';
import { describe, expect, it } from 'vitest';
import {
  appendBatch,
  appendEach,
  eventually,
  range,
  revisionsByKey,
  useRelayHarness,
} from '../test/relay.fixtures';

const routes = [
  { streamPrefix: 'consultation-', topic: TOPICS.consultationEvents },
  { streamPrefix: 'agent-', topic: TOPICS.agentEvents },
];

describe('Relay', () => {
  const h = useRelayHarness({ routes });

  it('publishes every event of routed streams once, in order per key, and nothing else', async () => {
    const relayed = h.relay();
    await relayed.start();
    await Promise.all([
      appendEach(h.store, 'consultation-a', 20),
      appendEach(h.store, 'consultation-b', 20),
      appendEach(h.store, 'agent-x', 5),
      appendEach(h.store, 'conversation-c', 10),
    ]);
    await eventually(() => h.bus.published.length >= 45, '45 messages');
    const last = (await h.store.readAll({ direction: 'backwards', maxCount: 1 }))[0]!.position;
    await eventually(() => relayed.stats.checkpoint === last, 'checkpoint at the end of $all');

    const consultation = h.bus.envelopes(TOPICS.consultationEvents);
    expect(revisionsByKey(consultation)).toEqual(
      new Map([
        ['consultation-a', range(20)],
        ['consultation-b', range(20)],
      ]),
    );
    expect(revisionsByKey(h.bus.envelopes(TOPICS.agentEvents))).toEqual(
      new Map([['agent-x', range(5)]]),
    );
    expect(h.bus.published).toHaveLength(45);
    expect(new Set(h.bus.published.map((m) => m.key))).toEqual(new Set(['a', 'b', 'x']));
    expect(await h.checkpoints.load('relay')).toBe(last);
  });

  it('publishes the envelope of the stored event with its headers', async () => {
    const [recorded] = await (async () => {
      await h.store.appendToStream('consultation-42', [
        {
          id: '3f0e2a8e-3c1b-4d7e-9a55-0b2f6f3e9d10',
          type: 'ConsultationOpened',
          data: { domain: 'hotel' },
          metadata: { version: 2, correlationId: 'corr-1', causationId: 'cmd-1', userId: 'u1' },
        },
      ]);
      return h.store.readStream('consultation-42');
    })();
    await h.relay().start();
    await eventually(() => h.bus.published.length === 1, 'one message');
    const [message] = h.bus.published;
    expect(message!.key).toBe('42');
    expect(JSON.parse(message!.value)).toEqual({
      id: '3f0e2a8e-3c1b-4d7e-9a55-0b2f6f3e9d10',
      type: 'ConsultationOpened',
      version: 2,
      streamId: 'consultation-42',
      revision: 0,
      position: recorded!.position,
      occurredAt: recorded!.recordedAt.toISOString(),
      correlationId: 'corr-1',
      causationId: 'cmd-1',
      data: { domain: 'hotel' },
    });
    expect(message!.headers).toMatchObject({
      [ENVELOPE_HEADERS.eventType]: 'ConsultationOpened',
      [ENVELOPE_HEADERS.eventVersion]: '2',
      [ENVELOPE_HEADERS.correlationId]: 'corr-1',
    });
  });

  it('really batches: one publish call per batchSize events during catch-up', async () => {
    await appendBatch(h.store, 'consultation-many', 1000);
    const relayed = h.relay({ batchSize: 100 });
    await relayed.start();
    await eventually(() => h.bus.published.length === 1000, '1000 messages');
    expect(h.bus.calls.map((call) => call.length)).toEqual(Array(10).fill(100));
    expect(relayed.stats).toMatchObject({ published: 1000, batches: 10, buffered: 0 });
  });

  it('batches live events that arrive within the linger time', async () => {
    const relayed = h.relay({ lingerMs: 30 });
    await relayed.start();
    await Promise.all(range(10).map((n) => appendEach(h.store, `consultation-live${n}`, 5)));
    await eventually(() => h.bus.published.length === 50, '50 messages');
    expect(h.bus.calls.length).toBeLessThan(10);
    expect(relayed.stats.batches).toBe(h.bus.calls.length);
  });

  it('retries a failing publish with backoff, never advancing the checkpoint meanwhile', async () => {
    const position = await appendBatch(h.store, 'consultation-retry', 30);
    h.bus.failNext = 2;
    const relayed = h.relay({ retryDelayMs: 20 });
    await relayed.start();
    await eventually(() => h.bus.attempts >= 2, 'two failed attempts');
    expect(await h.checkpoints.load('relay')).toBeUndefined();
    expect(relayed.stats.checkpoint).toBe(0);
    await eventually(() => h.bus.published.length === 30, 'all 30 after the retries');
    expect(h.bus.attempts).toBe(3);
    expect(revisionsByKey(h.bus.envelopes())).toEqual(new Map([['consultation-retry', range(30)]]));
    await eventually(() => h.checkpoints.saves.length === 1, 'one save');
    expect(h.checkpoints.saves).toEqual([position]);
    expect(relayed.stats).toMatchObject({
      publishFailures: 2,
      published: 30,
      checkpoint: position,
    });
    expect(relayed.stats.lastError).toMatch(/broker unavailable/);
  });

  it('graceful stop publishes what is buffered and saves the checkpoint', async () => {
    const relayed = h.relay({ lingerMs: 60_000, batchSize: 1000 });
    await relayed.start();
    const last = await appendEach(h.store, 'consultation-stop', 5);
    await eventually(() => relayed.stats.handledPosition === last, 'all five handed over');
    expect(h.bus.published).toHaveLength(0); // still lingering
    await relayed.stop();
    expect(h.bus.published).toHaveLength(5);
    expect(await h.checkpoints.load('relay')).toBe(last);
    expect(relayed.stats.running).toBe(false);
  });

  it('a stop() while start() is still loading the checkpoint leaves nothing running', async () => {
    const relayed = h.relay();
    const starting = relayed.start();
    await relayed.stop();
    await starting;
    expect(relayed.stats.running).toBe(false);
    await appendEach(h.store, 'consultation-after', 1);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(h.bus.published).toHaveLength(0);
  });
});
