import { describe, expect, it } from 'vitest';
import { WrongExpectedRevisionError } from '../../src/event-store.errors';
import type { ExpectedRevision } from '../../src/event-store.port';
import {
  anEvent,
  ids,
  rejectionOf,
  someEvents,
  uniqueStream,
  type StoreGetter,
} from './contract.fixtures';

/** Expected revisions: every accepted and refused case, and what a refusal reports. */
export function describeAppendContract(store: StoreGetter): void {
  describe('append with expected revision', () => {
    it('appends a batch to a new stream with dense revisions from 0', async () => {
      const streamId = uniqueStream();
      const batch = someEvents(3);
      const result = await store().appendToStream(streamId, batch, {
        expectedRevision: 'no_stream',
      });

      const stored = await store().readStream(streamId);
      expect(ids(stored)).toEqual(ids(batch));
      expect(stored.map((e) => e.revision)).toEqual([0, 1, 2]);
      expect(stored.every((e) => e.streamId === streamId)).toBe(true);
      expect(result).toEqual({
        nextExpectedRevision: 2,
        position: stored[2]!.position,
        written: true,
      });
    });

    it('continues revisions across appends and reports the last position', async () => {
      const streamId = uniqueStream();
      await store().appendToStream(streamId, someEvents(2));
      const result = await store().appendToStream(streamId, someEvents(2), { expectedRevision: 1 });

      const stored = await store().readStream(streamId);
      expect(stored.map((e) => e.revision)).toEqual([0, 1, 2, 3]);
      expect(result.nextExpectedRevision).toBe(3);
      expect(result.position).toBe(stored[3]!.position);
    });

    const accepted: Array<[string, boolean, ExpectedRevision]> = [
      ['no_stream on a missing stream', false, 'no_stream'],
      ['any on a missing stream', false, 'any'],
      ['any on an existing stream', true, 'any'],
      ['stream_exists on an existing stream', true, 'stream_exists'],
      ['the exact last revision', true, 1],
    ];
    it.each(accepted)('accepts %s', async (_name, existing, expectedRevision) => {
      const streamId = uniqueStream();
      if (existing) await store().appendToStream(streamId, someEvents(2));
      const result = await store().appendToStream(streamId, [anEvent()], { expectedRevision });
      expect(result.written).toBe(true);
      expect(result.nextExpectedRevision).toBe(existing ? 2 : 0);
    });

    it('defaults to any', async () => {
      const streamId = uniqueStream();
      await store().appendToStream(streamId, [anEvent()]);
      const result = await store().appendToStream(streamId, [anEvent()]);
      expect(result.nextExpectedRevision).toBe(1);
    });

    const refused: Array<[string, number, ExpectedRevision, number]> = [
      ['no_stream on an existing stream', 2, 'no_stream', 1],
      ['stream_exists on a missing stream', 0, 'stream_exists', -1],
      ['a stale revision', 3, 1, 2],
      ['a revision ahead of the stream', 2, 5, 1],
      ['a revision on a missing stream', 0, 0, -1],
    ];
    it.each(refused)(
      'refuses %s with WrongExpectedRevisionError and writes nothing',
      async (_name, existingEvents, expectedRevision, actual) => {
        const streamId = uniqueStream();
        if (existingEvents > 0) await store().appendToStream(streamId, someEvents(existingEvents));

        const error = await rejectionOf(
          store().appendToStream(streamId, someEvents(2), { expectedRevision }),
        );

        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        const wrong = error as WrongExpectedRevisionError;
        expect(wrong.code).toBe('WRONG_EXPECTED_REVISION');
        expect(wrong.streamId).toBe(streamId);
        expect(wrong.expected).toBe(expectedRevision);
        expect(wrong.actual).toBe(actual);
        expect(await store().readStream(streamId)).toHaveLength(existingEvents);
      },
    );

    it('keeps streams apart: a revision in one stream says nothing about another', async () => {
      const a = uniqueStream();
      const b = uniqueStream();
      await store().appendToStream(a, someEvents(3));
      const result = await store().appendToStream(b, [anEvent()], {
        expectedRevision: 'no_stream',
      });
      expect(result.nextExpectedRevision).toBe(0);
      await expect(
        store().appendToStream(b, [anEvent()], { expectedRevision: 2 }),
      ).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    });
  });
}
