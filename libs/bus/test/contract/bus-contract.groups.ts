import { expect, it } from 'vitest';
import {
  type ContractContext,
  Recorder,
  allPartitions,
  deferred,
  waitFor,
} from './bus-contract.helpers';

/** At-least-once inside consumer groups: redelivery, partition split, resume, graceful stop. */
export function groupCases(ctx: ContractContext, partitions: number, testTimeoutMs: number): void {
  it(
    'redelivers a failed message before anything after it in its partition',
    async () => {
      const topic = await ctx.topic();
      const values = ['m1', 'm2', 'm3', 'm4', 'm5'];
      await ctx.bus().publish(values.map((value) => ({ topic, key: 'one-key', value })));
      const recorder = new Recorder((message, attempt) => {
        if (message.value === 'm2' && attempt === 1)
          throw new Error('transient failure (expected by the test)');
      });
      await ctx.consume({ groupId: ctx.group(), topics: [topic] }, recorder.handler);

      await recorder.waitForCount(values.length, ctx.stepTimeoutMs);
      expect(recorder.attempts.map((m) => m.value)).toEqual(['m1', 'm2', 'm2', 'm3', 'm4', 'm5']);
      expect(recorder.values()).toEqual(values);
      expect(recorder.attempts[2].offset).toBe(recorder.attempts[1].offset);
    },
    testTimeoutMs,
  );

  it(
    'keeps other partitions flowing while one message keeps failing',
    async () => {
      const topic = await ctx.topic();
      await ctx.bus().publish({ topic, key: 'poison-key', value: 'poison' });
      const othersHandled = (): number =>
        recorder.handled.filter((m) => m.partition !== poisonPartition()).length;
      const poisonPartition = (): number | undefined =>
        recorder.attempts.find((m) => m.value === 'poison')?.partition;
      const recorder = new Recorder((message, attempt) => {
        // Fails until other partitions made progress: blocking them would time this test out.
        if (message.value === 'poison' && (attempt < 3 || othersHandled() < 5))
          throw new Error('poison (expected by the test)');
      });
      await ctx.consume({ groupId: ctx.group(), topics: [topic] }, recorder.handler);
      await waitFor('two failed attempts', () => recorder.attempts.length >= 2, ctx.stepTimeoutMs);

      const keys = Array.from({ length: 30 }, (_, i) => `key-${i}`);
      await ctx
        .bus()
        .publish([
          ...keys.map((key) => ({ topic, key, value: key })),
          { topic, key: 'poison-key', value: 'after-poison' },
        ]);
      await recorder.waitForCount(keys.length + 2, ctx.stepTimeoutMs * 2);
      const order = recorder.values();
      expect(order.indexOf('after-poison')).toBeGreaterThan(order.indexOf('poison'));
      expect(recorder.attempts.filter((m) => m.value === 'poison').length).toBeGreaterThanOrEqual(
        3,
      );
      expect(new Set(order).size).toBe(order.length);
    },
    testTimeoutMs,
  );

  it(
    'splits the partitions between two members of a group, each message handled once',
    async () => {
      const topic = await ctx.topic();
      const groupId = ctx.group();
      const [a, b] = [new Recorder(), new Recorder()];
      const first = await ctx.consume({ groupId, topics: [topic] }, a.handler);
      await waitFor(
        'the first member to own every partition',
        () => first.assignments().length === partitions,
        ctx.stepTimeoutMs,
        () => first.assignments(),
      );
      const second = await ctx.consume({ groupId, topics: [topic] }, b.handler);
      const split = (): { a: string[]; b: string[] } => ({
        a: first.assignments(),
        b: second.assignments(),
      });
      await waitFor(
        'a disjoint split covering every partition',
        () => isSplit(split().a, split().b, topic, partitions),
        ctx.stepTimeoutMs * 2,
        split,
      );

      const keys = Array.from({ length: 30 }, (_, i) => `key-${i}`);
      await ctx
        .bus()
        .publish(keys.flatMap((key) => [1, 2].map((n) => ({ topic, key, value: `${key}/${n}` }))));
      await waitFor(
        'every message handled',
        () => a.handled.length + b.handled.length >= keys.length * 2,
        ctx.stepTimeoutMs,
        () => ({
          a: a.handled.length,
          b: b.handled.length,
        }),
      );

      const all = [...a.values(), ...b.values()];
      expect(all.length).toBe(keys.length * 2);
      expect(new Set(all).size).toBe(all.length);
      expect(a.handled.length).toBeGreaterThan(0);
      expect(b.handled.length).toBeGreaterThan(0);
      const { a: ownedByA, b: ownedByB } = split();
      expect(a.handled.every((m) => ownedByA.includes(`${m.topic}:${m.partition}`))).toBe(true);
      expect(b.handled.every((m) => ownedByB.includes(`${m.topic}:${m.partition}`))).toBe(true);
    },
    testTimeoutMs,
  );

  it(
    'resumes a restarted group from its committed offsets, missing and repeating nothing',
    async () => {
      const topic = await ctx.topic();
      const groupId = ctx.group();
      const keys = ['a', 'b', 'c', 'd', 'e'];
      const batch = (round: number) =>
        keys.map((key) => ({ topic, key, value: `${round}-${key}` }));
      await ctx.bus().publish(batch(1));
      const before = new Recorder();
      const consumer = await ctx.consume({ groupId, topics: [topic] }, before.handler);
      await before.waitForCount(keys.length, ctx.stepTimeoutMs);
      await consumer.stop();
      expect(consumer.assignments()).toEqual([]);

      await ctx.bus().publish(batch(2));
      const after = new Recorder();
      // fromBeginning false on purpose: committed offsets win over the reset policy.
      await ctx.consume({ groupId, topics: [topic], fromBeginning: false }, after.handler);
      await after.waitForCount(keys.length, ctx.stepTimeoutMs);
      await ctx.bus().publish(batch(3));
      await after.waitForCount(keys.length * 2, ctx.stepTimeoutMs);

      expect(before.values().sort()).toEqual(batch(1).map((m) => m.value));
      expect(after.values().sort()).toEqual([...batch(2), ...batch(3)].map((m) => m.value).sort());
    },
    testTimeoutMs,
  );

  it(
    'stops gracefully: waits for the running handler and commits its message',
    async () => {
      const topic = await ctx.topic();
      const groupId = ctx.group();
      const started = deferred();
      const release = deferred();
      let finished = false;
      const slow = new Recorder(async (message) => {
        if (message.value !== 'slow') return;
        started.resolve();
        await release.promise;
        finished = true;
      });
      await ctx.bus().publish([
        { topic, key: 'k', value: 'slow' },
        { topic, key: 'k', value: 'next' },
      ]);
      const consumer = await ctx.consume({ groupId, topics: [topic] }, slow.handler);
      await started.promise;

      let stopped = false;
      const stopping = consumer.stop().then(() => (stopped = true));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(stopped).toBe(false);
      release.resolve();
      await stopping;
      expect(finished).toBe(true);
      expect(slow.values()).toEqual(['slow']);

      const successor = new Recorder();
      await ctx.consume({ groupId, topics: [topic] }, successor.handler);
      await successor.waitForCount(1, ctx.stepTimeoutMs);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(successor.values()).toEqual(['next']);
    },
    testTimeoutMs,
  );
}

export function isSplit(
  a: readonly string[],
  b: readonly string[],
  topic: string,
  partitions: number,
): boolean {
  const union = new Set([...a, ...b]);
  const all = allPartitions(topic, partitions);
  return (
    a.length > 0 &&
    b.length > 0 &&
    union.size === a.length + b.length &&
    all.every((p) => union.has(p)) &&
    union.size === all.length
  );
}
