import { describe, expect, it } from 'vitest';
import {
  anEvent,
  endOfAll,
  ids,
  someEvents,
  uniqueStream,
  type StoreGetter,
} from './contract.fixtures';

/** Reading one stream, and what comes back: data, metadata, timestamps. */
export function describeReadStreamContract(store: StoreGetter): void {
  describe('readStream', () => {
    async function streamOf(count: number): Promise<string> {
      const streamId = uniqueStream();
      await store().appendToStream(streamId, someEvents(count));
      return streamId;
    }
    const revisions = async (
      streamId: string,
      options: Parameters<ReturnType<StoreGetter>['readStream']>[1],
    ): Promise<number[]> => (await store().readStream(streamId, options)).map((e) => e.revision);

    it('reads a missing stream as an empty list, in both directions', async () => {
      expect(await store().readStream(uniqueStream())).toEqual([]);
      expect(await store().readStream(uniqueStream(), { direction: 'backwards' })).toEqual([]);
    });

    it('reads forwards from a revision, inclusive, up to maxCount', async () => {
      const streamId = await streamOf(6);
      expect(await revisions(streamId, {})).toEqual([0, 1, 2, 3, 4, 5]);
      expect(await revisions(streamId, { fromRevision: 3 })).toEqual([3, 4, 5]);
      expect(await revisions(streamId, { fromRevision: 2, maxCount: 2 })).toEqual([2, 3]);
      expect(await revisions(streamId, { fromRevision: 'start', maxCount: 1 })).toEqual([0]);
      expect(await revisions(streamId, { fromRevision: 'end' })).toEqual([5]);
      expect(await revisions(streamId, { fromRevision: 6 })).toEqual([]);
    });

    it('reads backwards from the end or from a revision, inclusive, up to maxCount', async () => {
      const streamId = await streamOf(6);
      expect(await revisions(streamId, { direction: 'backwards' })).toEqual([5, 4, 3, 2, 1, 0]);
      expect(await revisions(streamId, { direction: 'backwards', maxCount: 2 })).toEqual([5, 4]);
      expect(
        await revisions(streamId, { direction: 'backwards', fromRevision: 3, maxCount: 2 }),
      ).toEqual([3, 2]);
      expect(await revisions(streamId, { direction: 'backwards', fromRevision: 'start' })).toEqual([
        0,
      ]);
      expect(
        await revisions(streamId, { direction: 'backwards', fromRevision: 'end', maxCount: 1 }),
      ).toEqual([5]);
    });

    it('reads maxCount Infinity as no limit, in readStream and readAll', async () => {
      const start = await endOfAll(store());
      const streamId = await streamOf(3);
      expect(await revisions(streamId, { maxCount: Infinity })).toEqual([0, 1, 2]);
      expect(await revisions(streamId, { direction: 'backwards', maxCount: Infinity })).toEqual([
        2, 1, 0,
      ]);
      const all = await store().readAll({
        after: start,
        filter: { streamPrefixes: [streamId] },
        maxCount: Infinity,
      });
      expect(all.map((e) => e.revision)).toEqual([0, 1, 2]);
    });

    it('gives every event its global position, increasing with the revision', async () => {
      const streamId = await streamOf(4);
      const stored = await store().readStream(streamId);
      for (let n = 1; n < stored.length; n++) {
        expect(stored[n]!.position).toBeGreaterThan(stored[n - 1]!.position);
      }
      expect(stored[0]!.position).toBeGreaterThan(0);
    });
  });

  describe('stored content', () => {
    it('round-trips JSON data: nested objects, arrays, unicode, numbers, booleans, null', async () => {
      const streamId = uniqueStream();
      // No \u0000: PostgreSQL jsonb cannot hold it, and no event of ours needs it.
      const data = {
        text: 'héllo wörld — 你好 🚀 "quoted" \\ back',
        nested: { deeper: { list: [1, 2.5, -3e-7, { x: null }], flag: true, off: false } },
        empty: {},
        none: null,
        big: Number.MAX_SAFE_INTEGER,
      };
      const scalars = ['just a string', 42, [1, 'two']];
      await store().appendToStream(streamId, [
        anEvent('Nested', data),
        ...scalars.map((s) => anEvent('Scalar', s)),
      ]);

      const stored = await store().readStream(streamId);
      expect(stored.map((e) => e.data)).toEqual([data, ...scalars]);
      expect(stored.map((e) => e.type)).toEqual(['Nested', 'Scalar', 'Scalar', 'Scalar']);
    });

    it('round-trips metadata (correlationId, causationId, userId and extra keys)', async () => {
      const streamId = uniqueStream();
      const metadata = {
        correlationId: 'corr-1',
        causationId: 'cmd-7',
        userId: 'agent-42',
        version: 2,
      };
      const event = anEvent('WithMetadata', { ok: true }, metadata);
      await store().appendToStream(streamId, [event, anEvent('WithoutMetadata')]);

      const [withMetadata, withoutMetadata] = await store().readStream(streamId);
      expect(withMetadata!.metadata).toEqual(metadata);
      expect(withoutMetadata!.metadata).toEqual({});
      expect(withMetadata!.id.toLowerCase()).toBe(event.id.toLowerCase());
    });

    it('stamps recordedAt with the time of the append', async () => {
      const streamId = uniqueStream();
      const before = Date.now();
      await store().appendToStream(streamId, [anEvent()]);
      const after = Date.now();
      const [event] = await store().readStream(streamId);
      expect(event!.recordedAt).toBeInstanceOf(Date);
      // Generous bounds: a server clock (EventStoreDB, PostgreSQL) may drift a little.
      expect(event!.recordedAt.getTime()).toBeGreaterThanOrEqual(before - 5_000);
      expect(event!.recordedAt.getTime()).toBeLessThanOrEqual(after + 5_000);
    });

    it('returns ids exactly as appended', async () => {
      const streamId = uniqueStream();
      const batch = someEvents(3);
      await store().appendToStream(streamId, batch);
      expect(ids(await store().readStream(streamId))).toEqual(ids(batch));
    });
  });
}
