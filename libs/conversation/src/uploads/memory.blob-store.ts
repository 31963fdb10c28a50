import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { assertBlobKey, type BlobStore, type PutResult } from './blob-store.port';

/** BlobStore in a Map: for tests and throwaway processes; nothing survives a restart. */
export class MemoryBlobStore implements BlobStore {
  private readonly blobs = new Map<string, Buffer>();

  async put(content: Uint8Array | Readable): Promise<PutResult> {
    const bytes = content instanceof Uint8Array ? Buffer.from(content) : await collect(content);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const created = !this.blobs.has(sha256);
    if (created) this.blobs.set(sha256, bytes);
    return { sha256, size: bytes.length, created };
  }

  async get(sha256: string): Promise<Readable | undefined> {
    assertBlobKey(sha256);
    const bytes = this.blobs.get(sha256);
    // A copy, so a reader can never change what is stored.
    return bytes === undefined ? undefined : Readable.from([Buffer.from(bytes)]);
  }

  async has(sha256: string): Promise<boolean> {
    assertBlobKey(sha256);
    return this.blobs.has(sha256);
  }
}

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}
