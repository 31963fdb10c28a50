import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { IdempotencyConflictError, InvalidAppendError } from '../../src/event-store.errors';
import type { EventData, ExpectedRevision } from '../../src/event-store.port';
import {
  type ContractLimits,
  anEvent,
  ids,
  rejectionOf,
  someEvents,
  uniqueStream,
  type StoreGetter,
} from './contract.fixtures';

/** Event ids are idempotency keys; malformed appends are refused before anything is written. */
export function describeIdempotencyContract(store: StoreGetter, limits: ContractLimits): void {
  describe('idempotent append by event id', () => {
    const retries: Array<[string, ExpectedRevision]> = [
      ['the same expected revision', 'no_stream'],
      ['any', 'any'],
      ['stream_exists', 'stream_exists'],
      ['a stale exact revision', 0],
    ];
    it.each(retries)(
      'a repeated batch succeeds with written:false and writes nothing (retry with %s)',
      async (_name, retryExpected) => {
        const streamId = uniqueStream();
        const batch = someEvents(2);
        const first = await store().appendToStream(streamId, batch, {
          expectedRevision: 'no_stream',
        });
        // Someone else appends after the lost reply: the retry's expectation is now stale.
        await store().appendToStream(streamId, [anEvent()], { expectedRevision: 1 });

        const retry = await store().appendToStream(streamId, batch, {
          expectedRevision: retryExpected,
        });

        expect(retry).toEqual({ ...first, written: false });
        const stored = await store().readStream(streamId);
        expect(stored).toHaveLength(3);
        expect(ids(stored.slice(0, 2))).toEqual(ids(batch));
      },
    );

    it('a repeated single event right after its append is a no-op', async () => {
      const streamId = uniqueStream();
      const event = anEvent();
      const first = await store().appendToStream(streamId, [event], {
        expectedRevision: 'no_stream',
      });
      const retry = await store().appendToStream(streamId, [event], {
        expectedRevision: 'no_stream',
      });
      expect(retry).toEqual({ ...first, written: false });
      expect(await store().readStream(streamId)).toHaveLength(1);
    });

    it('a batch that repeats only some stored ids fails with IdempotencyConflictError', async () => {
      const streamId = uniqueStream();
      const stored = anEvent();
      await store().appendToStream(streamId, [stored]);

      const error = await rejectionOf(store().appendToStream(streamId, [stored, anEvent()]));

      expect(error).toBeInstanceOf(IdempotencyConflictError);
      expect((error as IdempotencyConflictError).code).toBe('IDEMPOTENCY_CONFLICT');
      expect((error as IdempotencyConflictError).streamId).toBe(streamId);
      expect(await store().readStream(streamId)).toHaveLength(1);
    });

    it.skipIf(limits.noCrossStreamIdCheck === true)(
      'an id already stored in another stream fails with IdempotencyConflictError',
      async () => {
        const event = anEvent();
        await store().appendToStream(uniqueStream(), [event]);
        const other = uniqueStream();

        await expect(store().appendToStream(other, [event])).rejects.toBeInstanceOf(
          IdempotencyConflictError,
        );
        expect(await store().readStream(other)).toEqual([]);
      },
    );
  });

  describe('invalid appends', () => {
    const invalid: Array<[string, () => EventData[]]> = [
      ['an empty batch', () => []],
      ['an id that is not a UUID', () => [{ id: 'not-a-uuid', type: 'ThingHappened', data: {} }]],
      [
        'the same id twice in one batch',
        () => {
          const event = anEvent();
          return [event, { ...event }];
        },
      ],
      ['an empty event type', () => [{ id: randomUUID(), type: '', data: {} }]],
      [
        'data with no JSON form',
        () => [{ id: randomUUID(), type: 'ThingHappened', data: undefined }],
      ],
    ];
    it.each(invalid)(
      'refuses %s with InvalidAppendError and writes nothing',
      async (_name, batch) => {
        const streamId = uniqueStream();
        const error = await rejectionOf(store().appendToStream(streamId, batch()));
        expect(error).toBeInstanceOf(InvalidAppendError);
        expect((error as InvalidAppendError).code).toBe('INVALID_APPEND');
        expect(await store().readStream(streamId)).toEqual([]);
      },
    );

    it('refuses a negative expected revision', async () => {
      await expect(
        store().appendToStream(uniqueStream(), [anEvent()], { expectedRevision: -1 }),
      ).rejects.toBeInstanceOf(InvalidAppendError);
    });
  });
}
