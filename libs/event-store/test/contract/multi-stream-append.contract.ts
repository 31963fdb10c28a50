import { describe, expect, it } from 'vitest';
import { WrongExpectedRevisionError } from '../../src/event-store.errors';
import {
  canAppendToStreams,
  type EventStore,
  type MultiStreamAppender,
} from '../../src/event-store.port';
import { anEvent, someEvents, type StoreGetter, uniqueStream } from './contract.fixtures';

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
  });
}
