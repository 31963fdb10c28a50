import type { OutgoingMessage } from '@switchboard/bus';
import { expect, it } from 'vitest';
import { type ContractContext, Recorder, freshName, sleep } from './bus-contract.helpers';

/** Publishing and delivery to one consumer: what arrives, in which order, with what. */
export function deliveryCases(ctx: ContractContext, testTimeoutMs: number): void {
  it(
    'delivers published messages to a consumer',
    async () => {
      const topic = await ctx.topic();
      await ctx.bus().publish({ topic, key: 'k1', value: 'first' });
      await ctx.bus().publish([
        { topic, key: 'k1', value: 'second' },
        { topic, key: 'k2', value: 'third' },
      ]);
      const recorder = new Recorder();
      await ctx.consume({ groupId: ctx.group(), topics: [topic] }, recorder.handler);

      await recorder.waitForCount(3, ctx.stepTimeoutMs);
      expect(recorder.values().sort()).toEqual(['first', 'second', 'third']);
      const first = recorder.handled.find((m) => m.value === 'first')!;
      expect(first.topic).toBe(topic);
      expect(first.key).toBe('k1');
      expect(first.offset).toMatch(/^\d+$/);
      expect(first.timestamp).toBeInstanceOf(Date);
      expect(Math.abs(first.timestamp.getTime() - Date.now())).toBeLessThan(60_000);
      const second = recorder.handled.find((m) => m.value === 'second')!;
      expect(second.partition).toBe(first.partition);
      expect(BigInt(second.offset)).toBeGreaterThan(BigInt(first.offset));
    },
    testTimeoutMs,
  );

  it(
    'keeps each key in publish order across partitions',
    async () => {
      const topic = await ctx.topic();
      const keys = Array.from({ length: 8 }, (_, i) => `conversation-${i}`);
      const perKey = 40;
      const message = (key: string, seq: number): OutgoingMessage => ({
        topic,
        key,
        value: `${key}#${seq}`,
      });
      // Half as interleaved batches, half as single awaited publishes.
      for (let seq = 0; seq < perKey / 2; seq += 5) {
        const batch = keys.flatMap((key) => [0, 1, 2, 3, 4].map((i) => message(key, seq + i)));
        await ctx.bus().publish(batch);
      }
      for (let seq = perKey / 2; seq < perKey; seq++) {
        for (const key of keys) await ctx.bus().publish(message(key, seq));
      }
      const recorder = new Recorder();
      await ctx.consume({ groupId: ctx.group(), topics: [topic] }, recorder.handler);

      await recorder.waitForCount(keys.length * perKey, ctx.stepTimeoutMs * 2);
      for (const key of keys) {
        const seen = recorder.handled
          .filter((m) => m.key === key)
          .map((m) => Number(m.value.split('#')[1]));
        expect(seen, key).toEqual(Array.from({ length: perKey }, (_, i) => i));
        expect(
          new Set(recorder.handled.filter((m) => m.key === key).map((m) => m.partition)).size,
          key,
        ).toBe(1);
      }
      // The keys must actually have been spread, or the test proves nothing about partitions.
      expect(new Set(recorder.handled.map((m) => m.partition)).size).toBeGreaterThan(1);
    },
    testTimeoutMs,
  );

  it(
    'round-trips headers, and gives an empty object when there were none',
    async () => {
      const topic = await ctx.topic();
      const headers = {
        'correlation-id': 'c-1',
        'content-type': 'application/json',
        unicode: 'héllo ✓',
        empty: '',
      };
      await ctx.bus().publish([
        { topic, key: 'k', value: '{"a":"é✓"}', headers },
        { topic, key: 'k', value: 'bare' },
      ]);
      const recorder = new Recorder();
      await ctx.consume({ groupId: ctx.group(), topics: [topic] }, recorder.handler);

      await recorder.waitForCount(2, ctx.stepTimeoutMs);
      expect(recorder.handled[0].value).toBe('{"a":"é✓"}');
      expect(recorder.handled[0].headers).toEqual(headers);
      expect(recorder.handled[1].headers).toEqual({});
    },
    testTimeoutMs,
  );

  it(
    'consumes from several topics with one consumer',
    async () => {
      const [a, b] = [await ctx.topic(), await ctx.topic()];
      await ctx.bus().publish([
        { topic: a, key: 'k', value: 'from-a' },
        { topic: b, key: 'k', value: 'from-b' },
      ]);
      const recorder = new Recorder();
      await ctx.consume({ groupId: ctx.group(), topics: [a, b] }, recorder.handler);

      await recorder.waitForCount(2, ctx.stepTimeoutMs);
      expect(recorder.handled.map((m) => `${m.topic === a ? 'a' : 'b'}:${m.value}`).sort()).toEqual(
        ['a:from-a', 'b:from-b'],
      );
    },
    testTimeoutMs,
  );

  it(
    'with fromBeginning false, sees only messages published after consume resolved',
    async () => {
      const topic = await ctx.topic();
      const keys = ['k1', 'k2', 'k3', 'k4', 'k5', 'k6'];
      await ctx.bus().publish(keys.map((key) => ({ topic, key, value: `before-${key}` })));
      const recorder = new Recorder();
      await ctx.consume(
        { groupId: ctx.group(), topics: [topic], fromBeginning: false },
        recorder.handler,
      );

      await ctx.bus().publish(keys.map((key) => ({ topic, key, value: `after-${key}` })));
      await recorder.waitForCount(keys.length, ctx.stepTimeoutMs);
      await sleep(300);
      expect(recorder.values().sort()).toEqual(keys.map((key) => `after-${key}`));
    },
    testTimeoutMs,
  );

  it(
    'rejects a malformed message and publishes nothing of its batch',
    async () => {
      const topic = await ctx.topic();
      await expect(
        ctx.bus().publish([
          { topic, key: 'k', value: 'valid' },
          { topic: 'not a topic!', key: 'k', value: 'invalid' },
        ]),
      ).rejects.toThrow(/topic/);
      await expect(
        ctx.bus().publish({ topic, key: 'k', value: 1 as unknown as string }),
      ).rejects.toThrow(/value/);

      await ctx.bus().publish({ topic, key: 'k', value: 'marker' });
      const recorder = new Recorder();
      await ctx.consume({ groupId: ctx.group(), topics: [topic] }, recorder.handler);
      await recorder.waitForCount(1, ctx.stepTimeoutMs);
      await sleep(200);
      expect(recorder.values()).toEqual(['marker']);
    },
    testTimeoutMs,
  );

  it(
    'answers ping and creates topics idempotently',
    async () => {
      const topic = freshName('contract');
      await ctx.bus().ping();
      await ctx.bus().ensureTopics([topic]);
      await ctx.bus().ensureTopics([topic, freshName('contract')]);
    },
    testTimeoutMs,
  );
}
