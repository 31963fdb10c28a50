import { createHash, randomUUID } from 'node:crypto';
import { constants, promises as fs } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { assertBlobKey, type BlobStore, type PutResult } from './blob-store.port';

export interface DiskBlobStoreOptions {
  /** Root directory; created when missing. */
  readonly root: string;
  /** Spool files older than this are a crash's leftovers, removed on open. Default 1 hour. */
  readonly staleSpoolMs?: number;
}

/** Streams are spooled here until their hash is known; same filesystem as the blobs. */
const INCOMING = '.incoming';

/**
 * BlobStore on the local disk, laid out `<root>/<aa>/<bb>/<sha256>` so no directory grows
 * past 65 536 entries. Every write goes to a temp file that is fsynced, then renamed into
 * place (atomic on one filesystem) and the directory fsynced, so a crash leaves either the
 * whole blob or none. Paths are built from validated hex keys only.
 */
export class DiskBlobStore implements BlobStore {
  private constructor(readonly root: string) {}

  /**
   * Creates the root and removes spool files a crash left behind. Only old ones: another
   * process sharing the directory may be spooling right now.
   */
  static async open(options: DiskBlobStoreOptions): Promise<DiskBlobStore> {
    const root = resolve(options.root);
    const incoming = join(root, INCOMING);
    await fs.mkdir(incoming, { recursive: true });
    const staleBefore = Date.now() - (options.staleSpoolMs ?? 60 * 60 * 1000);
    for (const entry of await fs.readdir(incoming)) {
      const path = join(incoming, entry);
      const stats = await fs.stat(path).catch(() => undefined);
      if (stats !== undefined && stats.mtimeMs < staleBefore) await fs.rm(path, { force: true });
    }
    return new DiskBlobStore(root);
  }

  /** Where the blob for `sha256` lives (the key is validated first). */
  pathOf(sha256: string): string {
    assertBlobKey(sha256);
    return join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(content: Uint8Array | Readable): Promise<PutResult> {
    return content instanceof Uint8Array ? this.putBytes(content) : this.putStream(content);
  }

  async get(sha256: string): Promise<Readable | undefined> {
    const path = this.pathOf(sha256);
    try {
      // Opened before returning, so a missing blob is `undefined`, not a stream that fails later.
      const handle = await fs.open(path, constants.O_RDONLY);
      return handle.createReadStream();
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async has(sha256: string): Promise<boolean> {
    return exists(this.pathOf(sha256));
  }

  private async putBytes(bytes: Uint8Array): Promise<PutResult> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const target = this.pathOf(sha256);
    if (await exists(target)) return { sha256, size: bytes.length, created: false };
    const dir = join(target, '..');
    await fs.mkdir(dir, { recursive: true });
    // Same directory as the target: the rename cannot cross filesystems.
    const temp = join(dir, `.tmp-${randomUUID()}`);
    try {
      const handle = await fs.open(temp, 'wx', 0o644);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await this.publish(temp, target);
    } catch (error) {
      await fs.rm(temp, { force: true });
      throw error;
    }
    return { sha256, size: bytes.length, created: true };
  }

  private async putStream(stream: Readable): Promise<PutResult> {
    const temp = join(this.root, INCOMING, randomUUID());
    const hash = createHash('sha256');
    let size = 0;
    try {
      const handle = await fs.open(temp, 'wx', 0o644);
      try {
        for await (const chunk of stream) {
          const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Uint8Array);
          hash.update(bytes);
          size += bytes.length;
          await writeFully(handle, bytes);
        }
        await handle.sync();
      } finally {
        await handle.close();
      }
      const sha256 = hash.digest('hex');
      const target = this.pathOf(sha256);
      if (await exists(target)) {
        await fs.rm(temp, { force: true });
        return { sha256, size, created: false };
      }
      await fs.mkdir(join(target, '..'), { recursive: true });
      await this.publish(temp, target);
      return { sha256, size, created: true };
    } catch (error) {
      await fs.rm(temp, { force: true });
      throw error;
    }
  }

  /**
   * Renames into place and fsyncs the directory so the new entry survives a crash. Two puts
   * of the same bytes racing both rename identical content: the loser overwrites nothing new.
   */
  private async publish(temp: string, target: string): Promise<void> {
    await fs.rename(temp, target);
    const dir = await fs.open(join(target, '..'), constants.O_RDONLY);
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  }
}

/** `write` may write less than asked; regular files rarely do, but a short write would corrupt. */
async function writeFully(handle: fs.FileHandle, bytes: Uint8Array): Promise<void> {
  for (let offset = 0; offset < bytes.length;) {
    const { bytesWritten } = await handle.write(bytes, offset);
    offset += bytesWritten;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await fs.access(path);
    return true;
  } catch (error) {
    if (isMissing(error)) return false;
    throw error;
  }
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}
