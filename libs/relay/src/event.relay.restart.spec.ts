import { TOPICS } from '@switchboard/contracts';
import { describe, expect, it } from 'vitest';
import {
  appendBatch,
  eventually,
  range,
  revisionsByKey,
  useRelayHarness,
} from '../test/relay.fixtures';

describe('Relay restarts', () => {
  const h = useRelayHarness({
    routes: [{ streamPrefix: 'consultation-', topic: TOPICS.consultationEvents }],
  });

  it('a restart from the checkpoint neither skips nor repeats after a graceful stop', async () => {
    await appendBatch(h.store, 'consultation-r1', 400);
    h.bus.delayMs = 5; // slow enough to stop the first relay mid-way
    const first = h.relay({ batchSize: 50 });
    await first.start();
    await eventually(() => h.bus.published.length >= 150, 'some published');
    await first.stop();
    expect(h.bus.published.length).toBeLessThan(400);
    expect(await h.checkpoints.load('relay')).toBe(h.bus.envelopes().at(-1)!.position);
    h.bus.delayMs = 0;
    await appendBatch(h.store, 'consultation-r2', 100);

    const second = h.relay({ batchSize: 50 });
    await second.start();
    await eventually(() => h.bus.published.length >= 500, 'all 500');
    await second.stop();
    const ids = h.bus.envelopes().map((e) => e.id);
    expect(ids).toHaveLength(500);
    expect(new Set(ids).size).toBe(500);
    expect(revisionsByKey(h.bus.envelopes())).toEqual(
      new Map([
        ['consultation-r1', range(400)],
        ['consultation-r2', range(100)],
      ]),
    );
  });

  it('after a crash, re-publishes at most the one batch whose checkpoint was not saved', async () => {
    await appendBatch(h.store, 'consultation-crash', 100);
    const batchSize = 10;
    h.checkpoints.hangAfterSaves = 3; // the 4th save never returns: the process "dies" there
    // No linger flush: on a loaded machine a 5 ms linger could cut a partial batch and move
    // the crash point this test counts on. Only full batches go out.
    const crashed = h.relay({ batchSize, stopTimeoutMs: 50, lingerMs: 60_000 });
    await crashed.start();
    await eventually(() => h.bus.published.length === 40, 'four batches published');
    await crashed.stop(); // abandons the hung save within stopTimeoutMs
    const saved = await h.checkpoints.inner.load('relay');
    expect(saved).toBe(h.bus.envelopes()[29]!.position);

    const restarted = h.relay({ batchSize, checkpoints: h.checkpoints.inner });
    await restarted.start();
    await eventually(() => h.bus.published.length >= 110, 'the rest');
    const envelopes = h.bus.envelopes();
    const distinct = new Set(envelopes.map((e) => e.id));
    expect(distinct.size).toBe(100); // none skipped
    const duplicates = envelopes.length - distinct.size;
    expect(duplicates).toBeLessThanOrEqual(batchSize);
    expect(duplicates).toBe(10);
    // Per key: a prefix, then the replay from the checkpoint on, in order.
    expect(envelopes.map((e) => e.revision)).toEqual([
      ...range(40),
      ...range(70).map((n) => n + 30),
    ]);
  });

  it('stop() with the bus down gives up in time and leaves the events for the next start', async () => {
    await appendBatch(h.store, 'consultation-down', 20);
    h.bus.failNext = Number.POSITIVE_INFINITY;
    const relayed = h.relay({ retryDelayMs: 10, stopTimeoutMs: 100 });
    await relayed.start();
    await eventually(() => h.bus.attempts >= 2, 'failing publishes');
    const started = Date.now();
    await relayed.stop();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(await h.checkpoints.load('relay')).toBeUndefined();

    h.bus.failNext = 0;
    await h.relay().start();
    await eventually(() => h.bus.published.length === 20, 'all 20 on the next start');
  });
});
