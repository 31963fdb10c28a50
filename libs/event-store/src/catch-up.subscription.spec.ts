import { describe, expect, it } from 'vitest';
import { anEvent, eventually, sleep } from '../test/contract/contract.fixtures';
import { CatchUpSubscription, type CatchUpPage, type CatchUpReader } from './catch-up.subscription';
import type { RecordedEvent } from './event-store.port';

/** An in-memory log with a reader over it; `duringRead` runs after the snapshot is taken. */
function fakeLog() {
  const log: RecordedEvent[] = [];
  const reads: number[] = [];
  let duringRead: (() => void) | undefined;
  const append = (position = (log.at(-1)?.position ?? 0) + 1): RecordedEvent => {
    const data = anEvent();
    const event: RecordedEvent = {
      ...data,
      streamId: 's',
      revision: log.length,
      position,
      metadata: {},
      recordedAt: new Date(0),
    };
    log.push(event);
    return event;
  };
  const read: CatchUpReader = async (after, maxCount) => {
    reads.push(after);
    const page = log.filter((e) => e.position > after).slice(0, maxCount);
    const hook = duringRead;
    duringRead = undefined;
    hook?.();
    return page;
  };
  return { log, reads, append, read, onNextRead: (hook: () => void) => (duringRead = hook) };
}

describe('CatchUpSubscription', () => {
  it('pages from the checkpoint, in order, awaiting the handler', async () => {
    const fake = fakeLog();
    for (let n = 0; n < 5; n++) fake.append();
    const seen: number[] = [];
    const subscription = new CatchUpSubscription(
      fake.read,
      async (e) => {
        await sleep(1);
        seen.push(e.position);
      },
      { after: 1, batchSize: 2 },
    );
    // Also wait for the read after the last full page: stopping as soon as the fourth event is
    // seen raced it (a starved CI process fires the handler's and the poll's timers together).
    await eventually(
      () => seen.length === 4 && fake.reads.length >= 3,
      'four events and the read after the last page',
    );
    await subscription.stop();
    expect(seen).toEqual([2, 3, 4, 5]);
    expect(fake.reads.slice(0, 3)).toEqual([1, 3, 5]);
  });

  it('does not sleep through a commit that lands while it reads (no poll to rescue it)', async () => {
    const fake = fakeLog();
    const seen: number[] = [];
    const subscription = new CatchUpSubscription(fake.read, (e) => void seen.push(e.position), {
      pollIntervalMs: 0,
    });
    // The first read's snapshot is empty; the commit and its notify land before it returns.
    fake.onNextRead(() => {
      fake.append();
      subscription.notify();
    });
    // Without a poll nothing else would ever deliver it, so any deadline proves the point: the
    // default one leaves a loaded machine room instead of racing a short wall-clock bound.
    await eventually(() => seen.length === 1, 'the event committed during the read');
    await subscription.stop();
    expect(seen).toEqual([1]);
  });

  it('wakes on notify, and by itself on the poll interval', async () => {
    const fake = fakeLog();
    const seen: number[] = [];
    const quiet = new CatchUpSubscription(fake.read, (e) => void seen.push(e.position));
    const polling = new CatchUpSubscription(fake.read, (e) => void seen.push(-e.position), {
      pollIntervalMs: 20,
    });
    await sleep(20);
    fake.append();
    await eventually(() => seen.includes(-1), 'the poll');
    expect(seen).not.toContain(1);
    quiet.notify();
    await eventually(() => seen.includes(1), 'the notify');
    await Promise.all([quiet.stop(), polling.stop()]);
  });

  it('never delivers an event at or before its checkpoint twice, and honours scannedTo', async () => {
    const fake = fakeLog();
    fake.append(10);
    const pages: CatchUpPage[] = [
      { events: fake.log, scannedTo: 50, hasMore: true },
      { events: fake.log }, // a sloppy reader repeating itself
    ];
    const afters: number[] = [];
    const seen: number[] = [];
    const subscription = new CatchUpSubscription(
      async (after) => {
        afters.push(after);
        return pages.shift() ?? [];
      },
      (e) => void seen.push(e.position),
    );
    await eventually(() => afters.length === 2, 'two reads');
    subscription.notify();
    await eventually(() => afters.length === 3, 'a third read after notify');
    await subscription.stop();
    expect(seen).toEqual([10]);
    expect(afters.slice(0, 3)).toEqual([0, 50, 50]);
    expect(subscription.position).toBe(50);
  });

  it('rejects done with the handler error, or the reader error, and stops', async () => {
    const fake = fakeLog();
    fake.append();
    fake.append();
    const failure = new Error('boom');
    const seen: number[] = [];
    const failing = new CatchUpSubscription(fake.read, (e) => {
      seen.push(e.position);
      throw failure;
    });
    await expect(failing.done).rejects.toBe(failure);
    expect(seen).toEqual([1]);
    await expect(failing.stop()).resolves.toBeUndefined();

    const broken = new CatchUpSubscription(
      () => Promise.reject(failure),
      () => undefined,
    );
    await expect(broken.done).rejects.toBe(failure);
  });

  it('stop() waits for the running handler and then resolves done', async () => {
    const fake = fakeLog();
    fake.append();
    fake.append();
    let finished = 0;
    let started = 0;
    const subscription = new CatchUpSubscription(fake.read, async () => {
      started += 1;
      await sleep(30);
      finished += 1;
    });
    await eventually(() => started === 1, 'the handler to start');
    await subscription.stop();
    expect(finished).toBe(1);
    expect(started).toBe(1);
    await expect(subscription.done).resolves.toBeUndefined();
  });
});
