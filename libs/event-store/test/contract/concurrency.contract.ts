import { describe, expect, it } from 'vitest';
import { WrongExpectedRevisionError } from '../../src/event-store.errors';
import type { EventData } from '../../src/event-store.port';
import { anEvent, ids, uniqueStream, type StoreGetter } from './contract.fixtures';

const APPENDS = 1000;
/** Workers of the read-then-append loop. With N racing on one stream, about one in N attempts
 * wins per round, so N bounds the number of retries (≈ APPENDS × N) on a networked store. */
const OPTIMISTIC_WORKERS = 10;

/** Many writers on one stream: revisions stay dense, nothing is lost or written twice. */
export function describeConcurrencyContract(store: StoreGetter): void {
  describe('concurrent appends to one stream', () => {
    async function expectDense(streamId: string, appended: readonly EventData[]): Promise<void> {
      const stored = await store().readStream(streamId);
      expect(stored).toHaveLength(appended.length);
      expect(stored.map((e) => e.revision)).toEqual(appended.map((_, n) => n));
      expect(new Set(ids(stored))).toEqual(new Set(ids(appended)));
      for (let n = 1; n < stored.length; n++) {
        expect(stored[n]!.position).toBeGreaterThan(stored[n - 1]!.position);
      }
    }

    it(`${APPENDS} concurrent appends with expected revision any`, async () => {
      const streamId = uniqueStream('concurrent');
      const events = Array.from({ length: APPENDS }, (_, n) => anEvent('Counted', { n }));

      const results = await Promise.all(
        events.map((event) =>
          store().appendToStream(streamId, [event], { expectedRevision: 'any' }),
        ),
      );

      expect(new Set(results.map((r) => r.nextExpectedRevision)).size).toBe(APPENDS);
      expect(results.every((r) => r.written)).toBe(true);
      await expectDense(streamId, events);
      const byId = new Map(
        (await store().readStream(streamId)).map((e) => [e.id.toLowerCase(), e]),
      );
      events.forEach((event, n) => {
        expect(byId.get(event.id.toLowerCase())!.revision).toBe(results[n]!.nextExpectedRevision);
      });
    });

    it(`${APPENDS} appends by racing read-then-append-with-expected-revision loops`, async () => {
      const streamId = uniqueStream('optimistic');
      const events = Array.from({ length: APPENDS }, (_, n) => anEvent('Counted', { n }));
      const queue = [...events];

      const worker = async (): Promise<void> => {
        for (let event = queue.shift(); event !== undefined; event = queue.shift()) {
          for (;;) {
            const [last] = await store().readStream(streamId, {
              direction: 'backwards',
              maxCount: 1,
            });
            try {
              await store().appendToStream(streamId, [event], {
                expectedRevision: last === undefined ? 'no_stream' : last.revision,
              });
              break;
            } catch (error) {
              if (!(error instanceof WrongExpectedRevisionError)) throw error;
            }
          }
        }
      };
      await Promise.all(Array.from({ length: OPTIMISTIC_WORKERS }, worker));

      await expectDense(streamId, events);
    });
  });
}
