import { describe, expect, it } from 'vitest';
import {
  IdempotencyConflictError,
  InvalidAppendError,
  WrongExpectedRevisionError,
} from '../../src/event-store.errors';
import {
  canAppendToStreams,
  type EventStore,
  type MultiStreamAppender,
} from '../../src/event-store.port';
import {
  anEvent,
  rejectionOf,
  someEvents,
  type StoreGetter,
  uniqueStream,
} from './contract.fixtures';

/**
 * The optional `appendToStreams` capability (D40), part of the one contract: an adapter declares
 * whether it offers it, the declaration is checked, and an adapter that offers it passes these.
 */
export function describeMultiStreamAppendContract(store: StoreGetter, offered: boolean): void {
  describe('appendToStreams (optional capability)', () => {
    it(offered ? 'is offered' : 'is not offered: callers go stream by stream', () => {
      expect(canAppendToStreams(store())).toBe(offered);
    });
    if (!offered) return;
    const appender = () => store() as EventStore & MultiStreamAppender;

    it('checks each append against the ones before it and answers each in order', async () => {
      const [a, b] = [uniqueStream(), uniqueStream()];
      await appender().appendToStream(b, [anEvent()]);
      const results = await appender().appendToStreams([
        { streamId: a, events: someEvents(2), options: { expectedRevision: 'no_stream' } },
        { streamId: b, events: [anEvent()], options: { expectedRevision: 0 } },
        { streamId: a, events: [anEvent()], options: { expectedRevision: 1 } },
      ]);
      expect(results.map((r) => [r.nextExpectedRevision, r.written])).toEqual([
        [1, true],
        [1, true],
        [2, true],
      ]);
      expect(results[0]!.position).toBeLessThan(results[1]!.position);
      expect(results[1]!.position).toBeLessThan(results[2]!.position);
      expect(await appender().readStream(a)).toHaveLength(3);
      expect(await appender().readStream(b)).toHaveLength(2);
    });

    it('writes nothing at all when one append is refused', async () => {
      const [a, b] = [uniqueStream(), uniqueStream()];
      await appender().appendToStream(b, [anEvent()]);
      const refused = appender().appendToStreams([
        { streamId: a, events: [anEvent()], options: { expectedRevision: 'no_stream' } },
        { streamId: b, events: [anEvent()], options: { expectedRevision: 5 } },
      ]);
      await expect(refused).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      expect(await appender().readStream(a)).toEqual([]);
      expect(await appender().readStream(b)).toHaveLength(1);
      await expect(
        appender().appendToStream(a, [anEvent()], { expectedRevision: 'no_stream' }),
      ).resolves.toMatchObject({ nextExpectedRevision: 0 });
    });

    it('is idempotent by event id: the same appends again write nothing', async () => {
      const appends = [
        { streamId: uniqueStream(), events: someEvents(2) },
        { streamId: uniqueStream(), events: [anEvent()] },
      ];
      const first = await appender().appendToStreams(appends);
      const again = await appender().appendToStreams(appends);
      expect(again).toEqual(first.map((result) => ({ ...result, written: false })));
      expect(await appender().readStream(appends[0]!.streamId)).toHaveLength(2);
    });

    it('answers an append that repeats an earlier one of the same call as its replay', async () => {
      const [a, b] = [uniqueStream(), uniqueStream()];
      const batch = someEvents(2);
      const results = await appender().appendToStreams([
        { streamId: a, events: batch },
        { streamId: b, events: [anEvent()] },
        { streamId: a, events: batch, options: { expectedRevision: 'no_stream' } },
      ]);
      expect(results[2]).toEqual({ ...results[0], written: false });
      expect(results[0]!.position).toBeLessThan(results[1]!.position);
      expect(await appender().readStream(a)).toHaveLength(2);
    });

    it('writes nothing when one append is invalid or partly repeats stored ids', async () => {
      const [a, b] = [uniqueStream(), uniqueStream()];
      const stored = anEvent();
      await appender().appendToStream(b, [stored]);
      await expect(
        appender().appendToStreams([
          { streamId: a, events: [anEvent()] },
          { streamId: b, events: [{ id: 'not-a-uuid', type: 't', data: {} }] },
        ]),
      ).rejects.toBeInstanceOf(InvalidAppendError);
      const conflict = await rejectionOf(
        appender().appendToStreams([
          { streamId: a, events: [anEvent()] },
          { streamId: b, events: [stored, anEvent()] },
        ]),
      );
      expect(conflict).toBeInstanceOf(IdempotencyConflictError);
      expect(conflict).toMatchObject({ streamId: b });
      expect(await appender().readStream(a)).toEqual([]);
      expect(await appender().readStream(b)).toHaveLength(1);
    });

    it('lets exactly one of two concurrent overlapping calls win, never half of each', async () => {
      for (let round = 0; round < 10; round++) {
        const [a, b, c] = [uniqueStream(), uniqueStream(), uniqueStream()];
        await appender().appendToStream(b, [anEvent()]);
        const mine = (streamId: string, expectedRevision: 'no_stream' | 0) => ({
          streamId,
          events: [anEvent()],
          options: { expectedRevision },
        });
        // Opposite orders, so an adapter that locks streams in call order would deadlock.
        const outcomes = await Promise.allSettled([
          appender().appendToStreams([mine(a, 'no_stream'), mine(b, 0), mine(c, 'no_stream')]),
          appender().appendToStreams([mine(c, 'no_stream'), mine(b, 0), mine(a, 'no_stream')]),
        ]);
        const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
        expect(won).toHaveLength(1);
        const lost = outcomes.find((outcome) => outcome.status === 'rejected');
        expect(lost?.reason).toBeInstanceOf(WrongExpectedRevisionError);
        const winner = won[0]!.value;
        for (const streamId of [a, c]) {
          expect(await appender().readStream(streamId)).toHaveLength(1);
        }
        const bEvents = await appender().readStream(b);
        expect(bEvents).toHaveLength(2);
        expect(bEvents[1]!.position).toBe(winner[1]!.position);
      }
    });
  });
}
