import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckpointStore } from '../../src/checkpoint-store.port';

export interface CheckpointStoreFactory {
  /**
   * Opens a store. With `persistent`, every call opens a store over the SAME storage (a file,
   * a schema), which the suite uses to check reopening and concurrent writers.
   */
  readonly open: () => Promise<CheckpointStore>;
  readonly persistent: boolean;
}

/** Fresh per test: storage may be shared with other suites and other runs. */
function aName(): string {
  return `contract-${randomUUID()}`;
}

/**
 * The ONE contract every CheckpointStore adapter passes (STYLE: one suite, every
 * implementation).
 */
export function describeCheckpointStoreContract(
  adapterName: string,
  factory: CheckpointStoreFactory,
): void {
  describe(`CheckpointStore contract: ${adapterName}`, () => {
    let store: CheckpointStore;
    beforeAll(async () => {
      store = await factory.open();
    });
    afterAll(async () => {
      await store?.close();
    });

    it('loads undefined for a name never saved', async () => {
      expect(await store.load(aName())).toBeUndefined();
    });

    it('loads what was saved, including 0 and the largest safe integer', async () => {
      for (const position of [0, 1, 17, 2 ** 40, Number.MAX_SAFE_INTEGER]) {
        const name = aName();
        await store.save(name, position);
        expect(await store.load(name)).toBe(position);
      }
    });

    it('moves forward and ignores a lower or equal position (monotonic)', async () => {
      const name = aName();
      await store.save(name, 10);
      await store.save(name, 25);
      await expect(store.save(name, 3)).resolves.toBeUndefined();
      await store.save(name, 25);
      expect(await store.load(name)).toBe(25);
    });

    it('keeps names apart', async () => {
      const [a, b] = [aName(), aName()];
      await store.save(a, 5);
      await store.save(b, 9);
      expect([await store.load(a), await store.load(b)]).toEqual([5, 9]);
    });

    it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])(
      'refuses position %s with a RangeError and stores nothing',
      async (position) => {
        const name = aName();
        await expect(store.save(name, position)).rejects.toThrow(RangeError);
        expect(await store.load(name)).toBeUndefined();
      },
    );

    it('refuses an empty or overlong name', async () => {
      await expect(store.save('', 1)).rejects.toThrow(RangeError);
      await expect(store.load('')).rejects.toThrow(RangeError);
      await expect(store.save('x'.repeat(201), 1)).rejects.toThrow(RangeError);
    });

    it('keeps the highest of many concurrent saves', async () => {
      const name = aName();
      const positions = Array.from({ length: 50 }, (_, i) => (i * 37) % 50);
      await Promise.all(positions.map((position) => store.save(name, position)));
      expect(await store.load(name)).toBe(49);
    });

    it('rejects calls after close', async () => {
      const own = await factory.open();
      await own.close();
      await expect(own.load(aName())).rejects.toThrow(/closed/);
      await expect(own.save(aName(), 1)).rejects.toThrow(/closed/);
      await expect(own.close()).resolves.toBeUndefined();
    });

    describe.runIf(factory.persistent)('on shared storage', () => {
      it('a reopened store loads what an earlier one saved', async () => {
        const name = aName();
        const first = await factory.open();
        await first.save(name, 123);
        await first.close();
        const second = await factory.open();
        try {
          expect(await second.load(name)).toBe(123);
        } finally {
          await second.close();
        }
      });

      it('a stale writer on another connection cannot move a checkpoint back', async () => {
        const name = aName();
        const other = await factory.open();
        try {
          await other.save(name, 500);
          await store.save(name, 400);
          await Promise.all([store.save(name, 700), other.save(name, 600)]);
          expect(await store.load(name)).toBe(700);
          expect(await other.load(name)).toBe(700);
        } finally {
          await other.close();
        }
      });
    });
  });
}
