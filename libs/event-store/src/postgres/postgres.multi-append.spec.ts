import { POSTGRES, TEST_DATABASE_URL, testSchemas } from '@switchboard/testing/postgres.infra';
import { realInfraAvailable } from '@switchboard/testing';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { anEvent, someEvents } from '../../test/contract/contract.fixtures';
import type { RecordedEvent, StreamAppend } from '../event-store.port';
import { PostgresEventStore } from './postgres.event-store';

const connectionString = TEST_DATABASE_URL;
const NOTIFY_DEADLINE_MS = 10_000;

/** What the contract cannot show: NOTIFY, commit order across pools, and the cost. */
describe('PostgresEventStore.appendToStreams', async () => {
  const available = await realInfraAvailable(POSTGRES);
  describe.skipIf(!available)('against a real server', () => {
    const schemas = testSchemas('es_multi');
    /** Two stores (two pools, two LISTEN sessions) over one fresh schema; fallback poll 60 s. */
    async function twoStores(): Promise<[PostgresEventStore, PostgresEventStore]> {
      const schema = schemas.next();
      const open = () =>
        PostgresEventStore.open({ connectionString, schema, pollIntervalMs: 60_000 });
      const first = await open();
      return [first, await open()];
    }

    afterAll(() => schemas.dropAll());

    it('wakes a subscription in another store once, with every event at consecutive positions', async () => {
      const [reader, writer] = await twoStores();
      const seen: RecordedEvent[] = [];
      const subscription = reader.subscribeToAll({}, (event) => void seen.push(event));
      try {
        await writer.appendToStream('before', [anEvent()]);
        const appends: StreamAppend[] = Array.from({ length: 200 }, (_, n) => ({
          streamId: `multi-${n % 50}`,
          events: someEvents(5),
        }));
        const started = Date.now();
        const results = await writer.appendToStreams(appends);
        const ids = appends.flatMap((a) => a.events.map((event) => event.id));
        await expect.poll(() => seen.length, { timeout: NOTIFY_DEADLINE_MS }).toBe(1 + ids.length);
        expect(Date.now() - started).toBeLessThan(NOTIFY_DEADLINE_MS);
        const delivered = seen.slice(1);
        expect(delivered.map((event) => event.id)).toEqual(ids);
        expect(delivered.map((event) => event.position)).toEqual(
          Array.from({ length: ids.length }, (_, i) => 2 + i),
        );
        expect(results.map((r) => r.position)).toEqual(appends.map((_, i) => 1 + 5 * (i + 1)));
        // Four appends to each stream: revisions 0-19, each append seeing the one before.
        expect(results.slice(150).map((r) => r.nextExpectedRevision)).toEqual(
          Array.from({ length: 50 }, () => 19),
        );
        expect((await reader.readStream('multi-7')).map((e) => e.revision)).toEqual(
          Array.from({ length: 20 }, (_, i) => i),
        );
      } finally {
        await subscription.stop();
        await Promise.all([reader.close(), writer.close()]);
      }
    }, 30_000);

    it('never lets two stores both win overlapping calls, nor deadlock against single appends', async () => {
      const [one, two] = await twoStores();
      const seen: RecordedEvent[] = [];
      const subscription = one.subscribeToAll({}, (event) => void seen.push(event));
      try {
        const streams = ['s-a', 's-b', 's-c', 's-d'];
        const revisions = new Map<string, number>();
        let wins = 0;
        for (let round = 0; round < 40; round++) {
          // Both calls expect what they last saw, over the same streams in opposite orders;
          // single `any` appends from both pools hit the same streams meanwhile.
          const call = (order: string[]): StreamAppend[] =>
            order.map((streamId) => ({
              streamId,
              events: [anEvent('multi', { round })],
              options: { expectedRevision: revisions.get(streamId) ?? 'no_stream' },
            }));
          const [first, second] = await Promise.allSettled([
            one.appendToStreams(call(streams)),
            two.appendToStreams(call([...streams].reverse())),
            ...(round % 2 === 0 ? streams : []).map((s, i) =>
              (i % 2 ? one : two).appendToStream(s, [anEvent('single')]),
            ),
          ]);
          const won = [first, second].filter((o) => o.status === 'fulfilled');
          // Without the singles the two calls expect the same state: exactly one wins.
          expect(won.length).toBe(round % 2 === 0 ? won.length : 1);
          expect(won.length).toBeLessThanOrEqual(1);
          wins += won.length;
          for (const streamId of streams) {
            const events = await one.readStream(streamId);
            const multi = events.filter((e) => (e.data as { round?: number }).round === round);
            expect(multi.length).toBe(won.length);
            revisions.set(streamId, events.length - 1);
          }
        }
        expect(wins).toBeGreaterThan(0);
        const all = await one.readAll();
        expect(all.map((e) => e.position)).toEqual(all.map((_, i) => i + 1));
        await expect.poll(() => seen.length, { timeout: NOTIFY_DEADLINE_MS }).toBe(all.length);
        expect(seen.map((e) => e.id)).toEqual(all.map((e) => e.id));
      } finally {
        await subscription.stop();
        await Promise.all([one.close(), two.close()]);
      }
    }, 60_000);

    it('writes 1,000 events in one call faster than in 1,000 appends (logged)', async () => {
      const [store, other] = await twoStores();
      await other.close();
      try {
        const streams = Array.from({ length: 100 }, () => `cost-${randomUUID()}`);
        const batch = (): StreamAppend[] =>
          Array.from({ length: 1_000 }, (_, n) => ({
            streamId: streams[n % 100]!,
            events: [anEvent()],
          }));
        const multi = batch();
        let started = performance.now();
        await store.appendToStreams(multi);
        const multiMs = performance.now() - started;
        const singles = batch();
        started = performance.now();
        for (const append of singles) await store.appendToStream(append.streamId, append.events);
        const singleMs = performance.now() - started;
        started = performance.now();
        const replay = await store.appendToStreams(multi);
        const replayMs = performance.now() - started;
        console.info(
          `[postgres] 1,000 events over 100 streams: one appendToStreams ${multiMs.toFixed(0)} ms, ` +
            `1,000 sequential appendToStream ${singleMs.toFixed(0)} ms, ` +
            `the same multi append replayed ${replayMs.toFixed(0)} ms`,
        );
        expect(replay.every((r) => !r.written)).toBe(true);
        expect(await store.readStream(streams[0]!)).toHaveLength(20);
        expect(multiMs).toBeLessThan(singleMs);
      } finally {
        await store.close();
      }
    }, 60_000);
  });
});
