import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { type BlobStore, InvalidBlobKeyError, readBlob } from '../../src/uploads/blob-store.port';

export interface OpenedBlobStore {
  readonly store: BlobStore;
  dispose?(): Promise<void>;
}

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * The ONE BlobStore contract (DESIGN: every adapter passes the same suite). `open` gives a
 * fresh, empty store per test.
 */
export function describeBlobStoreContract(
  name: string,
  open: () => Promise<OpenedBlobStore>,
): void {
  describe(`BlobStore contract: ${name}`, () => {
    const opened: OpenedBlobStore[] = [];
    const fresh = async () => {
      const handle = await open();
      opened.push(handle);
      return handle.store;
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((handle) => handle.dispose?.()));
    });

    it('keys bytes by their SHA-256 and gives them back unchanged', async () => {
      const store = await fresh();
      const bytes = Buffer.from('hello, blob store');
      const result = await store.put(bytes);
      expect(result).toEqual({ sha256: sha(bytes), size: bytes.length, created: true });
      expect(await store.has(result.sha256)).toBe(true);
      expect(await readBlob(store, result.sha256)).toEqual(bytes);
    });

    it('stores the same bytes once: a second put creates nothing and keeps the key', async () => {
      const store = await fresh();
      const bytes = Buffer.from([1, 2, 3, 4, 5]);
      const first = await store.put(bytes);
      const second = await store.put(Buffer.from(bytes));
      expect(second).toEqual({ ...first, created: false });
      expect(await readBlob(store, first.sha256)).toEqual(bytes);
    });

    it('gives different bytes different keys', async () => {
      const store = await fresh();
      const a = await store.put(Buffer.from('a'));
      const b = await store.put(Buffer.from('b'));
      expect(a.sha256).not.toBe(b.sha256);
      expect((await readBlob(store, a.sha256))?.toString()).toBe('a');
      expect((await readBlob(store, b.sha256))?.toString()).toBe('b');
    });

    it('accepts a stream and keys it as the same bytes in one buffer', async () => {
      const store = await fresh();
      const parts = [Buffer.from('part one, '), Buffer.from('part two, '), Buffer.from('three')];
      const whole = Buffer.concat(parts);
      const result = await store.put(Readable.from(parts));
      expect(result).toEqual({ sha256: sha(whole), size: whole.length, created: true });
      expect((await store.put(whole)).created).toBe(false);
      expect(await readBlob(store, result.sha256)).toEqual(whole);
    });

    it('round-trips a large blob and an empty one', async () => {
      const store = await fresh();
      const large = Buffer.alloc(3 * 1024 * 1024 + 7);
      for (let i = 0; i < large.length; i++) large[i] = (i * 31 + 7) & 0xff;
      const big = await store.put(large);
      expect(big.size).toBe(large.length);
      expect((await readBlob(store, big.sha256))?.equals(large)).toBe(true);
      const empty = await store.put(Buffer.alloc(0));
      expect(empty.sha256).toBe(sha(Buffer.alloc(0)));
      expect(await readBlob(store, empty.sha256)).toEqual(Buffer.alloc(0));
    });

    it('answers undefined and false for a well-formed key it does not hold', async () => {
      const store = await fresh();
      const unknown = sha(Buffer.from('never stored'));
      expect(await store.get(unknown)).toBeUndefined();
      expect(await store.has(unknown)).toBe(false);
    });

    it('refuses anything but 64 lower-case hex characters as a key', async () => {
      const store = await fresh();
      const stored = await store.put(Buffer.from('x'));
      const bad = [
        '',
        '../../etc/passwd',
        `../${stored.sha256}`,
        `${stored.sha256.slice(0, 2)}/${stored.sha256}`,
        stored.sha256.toUpperCase(),
        `${stored.sha256}\u0000`,
        stored.sha256.slice(1),
        `${stored.sha256}0`,
      ];
      for (const key of bad) {
        await expect(store.get(key), key).rejects.toBeInstanceOf(InvalidBlobKeyError);
        await expect(store.has(key), key).rejects.toBeInstanceOf(InvalidBlobKeyError);
      }
    });

    it('keeps one intact blob when the same bytes are put concurrently', async () => {
      const store = await fresh();
      const bytes = Buffer.alloc(256 * 1024, 0x5a);
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          i % 2 === 0 ? store.put(Buffer.from(bytes)) : store.put(Readable.from([bytes])),
        ),
      );
      expect(new Set(results.map((result) => result.sha256))).toEqual(new Set([sha(bytes)]));
      expect((await readBlob(store, sha(bytes)))?.equals(bytes)).toBe(true);
    });

    it('stores nothing when the incoming stream fails half way', async () => {
      const store = await fresh();
      const failing = new Readable({
        read() {
          this.push(Buffer.from('some bytes'));
          this.destroy(new Error('connection reset'));
        },
      });
      await expect(store.put(failing)).rejects.toThrow('connection reset');
      expect(await store.has(sha(Buffer.from('some bytes')))).toBe(false);
    });
  });
}
