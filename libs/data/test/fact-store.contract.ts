import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Fact } from '../src/domain/fact';
import type { FactStore, PartitionPosition } from '../src/store/fact-store.port';

/**
 * The ONE contract every FactStore adapter passes (in-memory, SQLite, PostgreSQL). Each test
 * opens a fresh store from `open()` and closes it afterwards.
 */
export function describeFactStoreContract(name: string, open: () => Promise<FactStore>): void {
  describe(`FactStore contract: ${name}`, () => {
    let store: FactStore;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    const fact = (over: Partial<Fact> = {}): Fact => ({
      id: randomUUID(),
      subject: 'consultation:c1',
      kind: 'opened',
      at: '2026-03-01T10:00:00.000Z',
      revision: 0,
      data: { customerId: 'u1', nested: { list: [1, 'two', null] } },
      ...over,
    });
    const pos = (offset: string, partition = 0, topic = 'im.messages.v1'): PartitionPosition => ({
      topic,
      partition,
      offset,
    });

    it('stores facts and hands them back with their data', async () => {
      const a = fact();
      await store.append([a], []);
      expect(await store.find({})).toEqual([a]);
      expect(await store.count()).toBe(1);
    });

    it('ignores a fact whose id is stored already (redelivery), even with other content', async () => {
      const a = fact();
      await store.append([a], [pos('1')]);
      await store.append([a, { ...a, kind: 'changed' }], [pos('1')]);
      expect(await store.find({})).toEqual([a]);
      expect(await store.count()).toBe(1);
      expect(await store.positions()).toEqual([pos('1')]);
    });

    it('moves a position only forward, comparing offsets as integers', async () => {
      await store.append([], [pos('9')]);
      await store.append([], [pos('10')]);
      await store.append([], [pos('2')]);
      await store.append([], [pos('10', 1), pos('3', 1)]);
      await store.append([], [pos('9223372036854775806', 2)]);
      const stored = await store.positions();
      const sorted = [...stored].sort((a, b) => a.partition - b.partition);
      expect(sorted).toEqual([pos('10'), pos('10', 1), pos('9223372036854775806', 2)]);
    });

    it('keeps positions per topic and partition', async () => {
      await store.append([], [pos('5', 0, 'a.v1'), pos('7', 0, 'b.v1'), pos('1', 3, 'a.v1')]);
      const stored = await store.positions();
      expect(stored).toHaveLength(3);
      expect(stored).toEqual(
        expect.arrayContaining([pos('5', 0, 'a.v1'), pos('7', 0, 'b.v1'), pos('1', 3, 'a.v1')]),
      );
    });

    it('refuses a bad offset and stores nothing of that append (facts and positions together)', async () => {
      const a = fact();
      await expect(store.append([a], [pos('12'), pos('-1', 1)])).rejects.toThrow();
      await expect(store.append([a], [pos('ten')])).rejects.toThrow();
      expect(await store.count()).toBe(0);
      expect(await store.positions()).toEqual([]);
    });

    it('finds by subjects, prefix, half-open time range and kinds', async () => {
      const facts = [
        fact({ subject: 'consultation:a', at: '2026-03-01T09:00:00.000Z', kind: 'opened' }),
        fact({ subject: 'consultation:a', at: '2026-03-01T10:00:00.000Z', kind: 'assigned' }),
        fact({ subject: 'consultation:b', at: '2026-03-01T11:00:00.000Z', kind: 'opened' }),
        fact({ subject: 'agent:x', at: '2026-03-01T10:00:00.000Z', kind: 'status' }),
        fact({ subject: 'consultationx:z', at: '2026-03-01T10:30:00.000Z', kind: 'opened' }),
      ];
      await store.append(facts, []);
      const ids = async (query: Parameters<FactStore['find']>[0]) =>
        (await store.find(query)).map((f) => facts.indexOf(facts.find((g) => g.id === f.id)!));
      expect(await ids({ subjects: ['consultation:a', 'agent:x'] })).toEqual([3, 0, 1]);
      expect(await ids({ subjectPrefix: 'consultation:' })).toEqual([0, 1, 2]);
      expect(
        await ids({ from: '2026-03-01T10:00:00.000Z', to: '2026-03-01T11:00:00.000Z' }),
      ).toEqual([3, 1, 4]);
      expect(await ids({ kinds: ['opened'] })).toEqual([0, 2, 4]);
      expect(
        await ids({
          subjectPrefix: 'consultation:',
          kinds: ['opened'],
          to: '2026-03-01T10:00:00.000Z',
        }),
      ).toEqual([0]);
      expect(await ids({ subjects: [] })).toEqual([]);
      expect(await ids({ kinds: [] })).toEqual([]);
      expect(await store.subjects({ kinds: ['opened'] })).toEqual([
        'consultation:a',
        'consultation:b',
        'consultationx:z',
      ]);
      expect(await store.subjects({ subjectPrefix: 'agent:' })).toEqual(['agent:x']);
      expect(await store.subjects({ from: '2026-03-02T00:00:00.000Z' })).toEqual([]);
    });

    it('orders by subject, time, revision, then id', async () => {
      const at = '2026-03-01T10:00:00.000Z';
      const facts = [
        fact({ id: 'f-b', subject: 's:2', at, revision: 1 }),
        fact({ id: 'f-a', subject: 's:2', at, revision: 1 }),
        fact({ id: 'f-c', subject: 's:2', at, revision: 0 }),
        fact({ id: 'f-d', subject: 's:2', at: '2026-03-01T09:59:59.999Z', revision: 5 }),
        fact({ id: 'f-e', subject: 's:1', at: '2026-03-02T00:00:00.000Z', revision: 9 }),
        fact({ id: 'f-f', subject: 's:10', at, revision: 10 }),
        fact({ id: 'f-g', subject: 's:10', at, revision: 9 }),
      ];
      await store.append(facts.slice(0, 3), []);
      await store.append(facts.slice(3), []);
      expect((await store.find({})).map((f) => f.id)).toEqual([
        'f-e',
        'f-g',
        'f-f',
        'f-d',
        'f-c',
        'f-a',
        'f-b',
      ]);
    });

    it('counts, resets (facts and positions) and takes appends after a reset', async () => {
      await store.append([fact(), fact()], [pos('4')]);
      expect(await store.count()).toBe(2);
      await store.reset();
      expect(await store.count()).toBe(0);
      expect(await store.find({})).toEqual([]);
      expect(await store.positions()).toEqual([]);
      const again = fact();
      await store.append([again], [pos('1')]);
      expect(await store.find({})).toEqual([again]);
      expect(await store.positions()).toEqual([pos('1')]);
    });

    it('keeps concurrent appends apart and applies every one', async () => {
      const facts = Array.from({ length: 50 }, (_, n) =>
        fact({ subject: `s:${n % 5}`, revision: n }),
      );
      await Promise.all(facts.map((f, n) => store.append([f], [pos(String(n), n % 3)])));
      expect(await store.count()).toBe(50);
      const offsets = (await store.positions()).map((p) => [p.partition, p.offset]);
      expect(offsets.sort()).toEqual([
        [0, '48'],
        [1, '49'],
        [2, '47'],
      ]);
    });

    it('stores a large batch in one append', async () => {
      const facts = Array.from({ length: 20_000 }, (_, n) =>
        fact({ subject: `customer:${n % 100}`, revision: n, data: { n } }),
      );
      await store.append(facts, [pos('19999')]);
      expect(await store.count()).toBe(20_000);
      const one = await store.find({ subjects: ['customer:7'] });
      expect(one).toHaveLength(200);
      expect(one.map((f) => f.data.n)).toEqual(Array.from({ length: 200 }, (_, k) => 7 + 100 * k));
      expect(await store.subjects({ subjectPrefix: 'customer:' })).toHaveLength(100);
    });

    it('refuses calls after close', async () => {
      await store.close();
      await expect(store.count()).rejects.toThrow();
      await expect(store.append([fact()], [])).rejects.toThrow();
      store = await open();
    });
  });
}
