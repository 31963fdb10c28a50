import { describe, expect, it } from 'vitest';
import type { EventData } from '../../src/event-store.port';
import { anEvent, endOfAll, ids, uniqueTag, type StoreGetter } from './contract.fixtures';

/**
 * `$all`: global order, exclusive checkpoints, direction and filters. The store may be shared,
 * so every read starts at the end observed before the test and filters on the test's prefix.
 */
export function describeReadAllContract(store: StoreGetter): void {
  describe('readAll', () => {
    /** Appends a, b, a, c, b (one event each, in this order) under a fresh prefix. */
    async function interleaved(): Promise<{
      prefix: string;
      start: number;
      appended: EventData[];
    }> {
      const prefix = `all${uniqueTag()}-`;
      const start = await endOfAll(store());
      const appended: EventData[] = [];
      for (const name of ['a', 'b', 'a', 'c', 'b']) {
        const event = anEvent(`Type${name.toUpperCase()}`, { name });
        await store().appendToStream(`${prefix}${name}`, [event]);
        appended.push(event);
      }
      return { prefix, start, appended };
    }

    it('returns events across streams in append order with strictly increasing positions', async () => {
      const { prefix, start, appended } = await interleaved();
      const all = await store().readAll({ after: start, filter: { streamPrefixes: [prefix] } });

      expect(ids(all)).toEqual(ids(appended));
      expect(all.map((e) => e.streamId.slice(prefix.length))).toEqual(['a', 'b', 'a', 'c', 'b']);
      for (let n = 1; n < all.length; n++)
        expect(all[n]!.position).toBeGreaterThan(all[n - 1]!.position);
      expect(all[0]!.position).toBeGreaterThan(start);
    });

    it('gives each event the same position and revision in $all as in its stream', async () => {
      const { prefix, start } = await interleaved();
      const all = await store().readAll({ after: start, filter: { streamPrefixes: [prefix] } });
      const streamA = await store().readStream(`${prefix}a`);
      const inAll = all.filter((e) => e.streamId === `${prefix}a`);
      expect(inAll.map((e) => [e.id, e.revision, e.position])).toEqual(
        streamA.map((e) => [e.id, e.revision, e.position]),
      );
    });

    it('treats `after` as exclusive and honours maxCount', async () => {
      const { prefix, start } = await interleaved();
      const filter = { streamPrefixes: [prefix] };
      const all = await store().readAll({ after: start, filter });

      const rest = await store().readAll({ after: all[1]!.position, filter });
      expect(ids(rest)).toEqual(ids(all.slice(2)));
      const two = await store().readAll({ after: all[0]!.position, filter, maxCount: 2 });
      expect(ids(two)).toEqual(ids(all.slice(1, 3)));
    });

    it('reads backwards from the end, or from before an exclusive position', async () => {
      const { prefix, start } = await interleaved();
      const filter = { streamPrefixes: [prefix] };
      const forwards = await store().readAll({ after: start, filter });

      const backwards = await store().readAll({ direction: 'backwards', filter });
      expect(ids(backwards.slice(0, 5))).toEqual(ids([...forwards].reverse()));
      const beforeFourth = await store().readAll({
        direction: 'backwards',
        after: forwards[3]!.position,
        filter,
        maxCount: 2,
      });
      expect(ids(beforeFourth)).toEqual(ids([forwards[2]!, forwards[1]!]));
    });

    it('without a filter, includes every stream from the checkpoint on', async () => {
      const { start, appended } = await interleaved();
      const all = await store().readAll({ after: start });
      // Other suites may append concurrently on a shared store: ours must all be there, in order.
      const ours = new Set(ids(appended));
      expect(ids(all).filter((id) => ours.has(id))).toEqual(ids(appended));
    });

    it('filters by several stream prefixes (ORed)', async () => {
      const { prefix, start } = await interleaved();
      const all = await store().readAll({
        after: start,
        filter: { streamPrefixes: [`${prefix}a`, `${prefix}c`] },
      });
      expect(all.map((e) => e.streamId.slice(prefix.length))).toEqual(['a', 'a', 'c']);
    });

    it('filters by event types (ORed); both lists together must both match', async () => {
      const tag = uniqueTag();
      const start = await endOfAll(store());
      const wanted = `Wanted${tag}`;
      const also = `AlsoWanted${tag}`;
      await store().appendToStream(`types${tag}-1`, [anEvent(wanted), anEvent(`Other${tag}`)]);
      await store().appendToStream(`types${tag}-2`, [anEvent(also), anEvent(wanted)]);
      await store().appendToStream(`elsewhere${tag}-3`, [anEvent(wanted)]);

      const byType = await store().readAll({
        after: start,
        filter: { eventTypes: [wanted, also] },
      });
      expect(byType.map((e) => e.type)).toEqual([wanted, also, wanted, wanted]);

      const both = await store().readAll({
        after: start,
        filter: { streamPrefixes: [`types${tag}-`], eventTypes: [wanted] },
      });
      expect(both.map((e) => `${e.streamId}:${e.type}`)).toEqual([
        `types${tag}-1:${wanted}`,
        `types${tag}-2:${wanted}`,
      ]);
    });

    it('reads nothing after the end', async () => {
      const end = await endOfAll(store());
      const filter = { streamPrefixes: [`nothing${uniqueTag()}`] };
      expect(await store().readAll({ after: end, filter })).toEqual([]);
    });
  });
}
