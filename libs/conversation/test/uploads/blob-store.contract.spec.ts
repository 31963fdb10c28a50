import { mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { DiskBlobStore } from '../../src/uploads/disk.blob-store';
import { MemoryBlobStore } from '../../src/uploads/memory.blob-store';
import { describeBlobStoreContract } from './blob-store.contract';

const tempRoot = () => mkdtempSync(join(tmpdir(), 'switchboard-blobs-'));

/** Every file under `root`, relative to it. */
function listFiles(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
    .sort();
}

describeBlobStoreContract('memory', async () => ({ store: new MemoryBlobStore() }));

describeBlobStoreContract('disk', async () => {
  const root = tempRoot();
  return {
    store: await DiskBlobStore.open({ root }),
    dispose: async () => rmSync(root, { recursive: true, force: true }),
  };
});

describe('DiskBlobStore layout', () => {
  it('writes <root>/<aa>/<bb>/<sha256> and leaves no temp file behind', async () => {
    const root = tempRoot();
    try {
      const store = await DiskBlobStore.open({ root });
      const a = await store.put(Buffer.from('first'));
      const b = await store.put(Readable.from([Buffer.from('second')]));
      const expected = [a.sha256, b.sha256]
        .map((key) => join(key.slice(0, 2), key.slice(2, 4), key))
        .sort();
      expect(listFiles(root)).toEqual(expected);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('does not rewrite a blob it already holds', async () => {
    const root = tempRoot();
    try {
      const store = await DiskBlobStore.open({ root });
      const { sha256 } = await store.put(Buffer.from('once'));
      const before = statSync(store.pathOf(sha256));
      expect((await store.put(Buffer.from('once'))).created).toBe(false);
      expect((await store.put(Readable.from([Buffer.from('once')]))).created).toBe(false);
      const after = statSync(store.pathOf(sha256));
      expect({ ino: after.ino, mtimeMs: after.mtimeMs }).toEqual({
        ino: before.ino,
        mtimeMs: before.mtimeMs,
      });
      expect(listFiles(root)).toHaveLength(1);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('leaves no file at all when a stream fails, and clears old half-spooled files on open', async () => {
    const root = tempRoot();
    try {
      const store = await DiskBlobStore.open({ root });
      const failing = new Readable({
        read() {
          this.push(Buffer.alloc(1024, 1));
          this.destroy(new Error('aborted'));
        },
      });
      await expect(store.put(failing)).rejects.toThrow('aborted');
      expect(listFiles(root)).toEqual([]);
      // A crash mid-spool leaves a file in .incoming; the next open removes it once it is old
      // (a fresh one may belong to another process sharing the directory).
      const leftOver = join(root, '.incoming', 'left-over');
      writeFileSync(leftOver, 'partial');
      await DiskBlobStore.open({ root });
      expect(listFiles(root)).toEqual([join('.incoming', 'left-over')]);
      const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
      utimesSync(leftOver, twoHoursAgo, twoHoursAgo);
      await DiskBlobStore.open({ root });
      expect(listFiles(root)).toEqual([]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
