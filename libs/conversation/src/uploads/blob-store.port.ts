import type { Readable } from 'node:stream';

/** What a BlobStore holds for some bytes: their hex SHA-256 (the key) and their length. */
export interface StoredBlob {
  /** Lower-case hex SHA-256 of the bytes: the only key a blob ever has. */
  readonly sha256: string;
  readonly size: number;
}

export interface PutResult extends StoredBlob {
  /** False when the store already held these bytes and wrote nothing. */
  readonly created: boolean;
}

/**
 * The BlobStore port: content-addressed storage for attachment bytes.
 *
 * Keys are the SHA-256 of the content and nothing else, so no client-given name or path ever
 * reaches the storage layer, and the same bytes are stored once whoever uploads them.
 *
 * Adapters: local disk (`DiskBlobStore`, the embedded default), memory (tests); S3-compatible
 * later. Every adapter passes the ONE contract suite in
 * `libs/conversation/test/uploads/blob-store.contract.ts`.
 */
export interface BlobStore {
  /**
   * Stores the bytes under their SHA-256. Idempotent: bytes already held are not written
   * again. Atomic: a reader never sees a partly written blob, and a failed or aborted put
   * leaves nothing behind. Resolves once the bytes are durable.
   */
  put(content: Uint8Array | Readable): Promise<PutResult>;

  /**
   * The bytes stored under `sha256` as a stream, or `undefined` when there are none.
   * @throws InvalidBlobKeyError when `sha256` is not 64 lower-case hex characters.
   */
  get(sha256: string): Promise<Readable | undefined>;

  /**
   * Whether bytes are stored under `sha256`.
   * @throws InvalidBlobKeyError when `sha256` is not 64 lower-case hex characters.
   */
  has(sha256: string): Promise<boolean>;
}

/** DI token for the BlobStore port. */
export const BLOB_STORE = Symbol('BlobStore');

const BLOB_KEY = /^[0-9a-f]{64}$/;

/** True for a well-formed key: 64 lower-case hex characters, nothing that could be a path. */
export function isBlobKey(value: unknown): value is string {
  return typeof value === 'string' && BLOB_KEY.test(value);
}

/** A key that is not a SHA-256 reached a BlobStore: a bug upstream, never a client's path. */
export class InvalidBlobKeyError extends Error {
  constructor(key: unknown) {
    super(
      `Not a blob key (64 lower-case hex characters): ${JSON.stringify(String(key)).slice(0, 80)}`,
    );
    this.name = 'InvalidBlobKeyError';
  }
}

/** Throws InvalidBlobKeyError unless `key` is a well-formed blob key. */
export function assertBlobKey(key: unknown): asserts key is string {
  if (!isBlobKey(key)) throw new InvalidBlobKeyError(key);
}

/** Reads a whole blob into memory (tests and small blobs only). */
export async function readBlob(store: BlobStore, sha256: string): Promise<Buffer | undefined> {
  const stream = await store.get(sha256);
  if (stream === undefined) return undefined;
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}
