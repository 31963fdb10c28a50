import type { ConsumedMessage, Consumer } from '@switchboard/bus';
import { expect, it } from 'vitest';
import { type ContractContext, Recorder, sleep, waitFor } from './bus-contract.helpers';
import { isSplit } from './bus-contract.groups';

/**
 * Members join and leave while messages flow: at-least-once allows a message twice around a
 * rebalance, but never a gap: before any message of a key is handled, every earlier message of
 * that key has been handled (by whichever member).
 */
export function churnCases(ctx: ContractContext, partitions: number, testTimeoutMs: number): void {
  it(
    'loses nothing and keeps key order while members join and leave mid-stream',
    async () => {
      const topic = await ctx.topic();
      const groupId = ctx.group();
      const keys = Array.from({ length: 9 }, (_, i) => `key-${i}`);
      const recorder = new Recorder();
      // The publisher runs until the churn is over, so both rebalances happen mid-stream.
      let rounds = 0;
      let churned = false;
      const publishing = (async () => {
        for (let after = 0; after < 10; after += churned ? 1 : 0) {
          await ctx.bus().publish(keys.map((key) => ({ topic, key, value: `${key}#${rounds}` })));
          rounds += 1;
          await sleep(15);
        }
      })();

      const first = await ctx.consume({ groupId, topics: [topic] }, recorder.handler);
      await waitFor('some rounds', () => rounds >= 15, ctx.stepTimeoutMs);
      await ctx.consume({ groupId, topics: [topic] }, recorder.handler);
      const joinedAt = rounds;
      await waitFor('more rounds', () => rounds >= joinedAt + 15, ctx.stepTimeoutMs);
      await first.stop();
      churned = true;
      await publishing;

      const distinct = (): number => new Set(recorder.values()).size;
      await waitFor(
        'every message handled',
        () => distinct() === keys.length * rounds,
        ctx.stepTimeoutMs * 2,
        () => ({
          distinct: distinct(),
          handled: recorder.handled.length,
        }),
      );
      expect(gaps(recorder.handled)).toEqual([]);
    },
    testTimeoutMs,
  );

  it(
    'hands a stopped member’s partitions to the remaining member',
    async () => {
      const topic = await ctx.topic();
      const groupId = ctx.group();
      const [a, b] = [new Recorder(), new Recorder()];
      const first = await ctx.consume({ groupId, topics: [topic] }, a.handler);
      const second: Consumer = await ctx.consume({ groupId, topics: [topic] }, b.handler);
      await waitFor(
        'a split',
        () => isSplit(first.assignments(), second.assignments(), topic, partitions),
        ctx.stepTimeoutMs * 2,
      );
      await second.stop();
      await waitFor(
        'the remaining member to own every partition',
        () => first.assignments().length === partitions,
        ctx.stepTimeoutMs * 2,
        () => first.assignments(),
      );
      const keys = Array.from({ length: 12 }, (_, i) => `key-${i}`);
      await ctx.bus().publish(keys.map((key) => ({ topic, key, value: key })));
      await a.waitForCount(keys.length, ctx.stepTimeoutMs);
      expect(b.handled).toEqual([]);
    },
    testTimeoutMs,
  );
}

/** Messages handled before an earlier message of their key had been handled. */
function gaps(handled: readonly ConsumedMessage[]): string[] {
  const next = new Map<string, number>();
  const found: string[] = [];
  for (const message of handled) {
    const seq = Number(message.value.split('#')[1]);
    const expected = next.get(message.key) ?? 0;
    if (seq > expected) found.push(`${message.value} before ${message.key}#${expected}`);
    next.set(message.key, Math.max(expected, seq + 1));
  }
  return found;
}
