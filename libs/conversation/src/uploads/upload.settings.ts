/** What the upload routes accept and where the bytes go. */
export interface UploadSettings {
  /** BlobStore root (UPLOAD_DIR). */
  readonly dir: string;
  /** Largest accepted file in bytes (UPLOAD_MAX_BYTES). */
  readonly maxBytes: number;
  /** Media types accepted, as detected from the bytes (UPLOAD_ALLOWED_TYPES). */
  readonly allowedTypes: readonly string[];
  /** Upload records kept in the catalog's LRU cache. */
  readonly catalogCacheSize: number;
}

/** DI token for the resolved UploadSettings. */
export const UPLOAD_SETTINGS = Symbol('UploadSettings');

/**
 * `text/plain` is deliberately absent: text has no magic number, so allowing it means
 * accepting any bytes that decode as clean UTF-8 (see `detectMime`). Add it explicitly.
 */
export const DEFAULT_UPLOAD_SETTINGS: UploadSettings = Object.freeze({
  dir: './data/uploads',
  maxBytes: 10 * 1024 * 1024,
  allowedTypes: Object.freeze([
    'image/png',
    'image/jpeg',
    'image/gif',
    'image/webp',
    'application/pdf',
  ]),
  catalogCacheSize: 1_000,
});

/** Reads configuration values; `ConfigService` fits. */
export interface ConfigReader {
  get<T = unknown>(key: string): T | undefined;
}

/**
 * Explicit options win, then UPLOAD_DIR / UPLOAD_MAX_BYTES / UPLOAD_ALLOWED_TYPES from config,
 * then the defaults. Bad values fail the boot rather than a later request.
 */
export function resolveUploadSettings(
  options: Partial<UploadSettings> = {},
  config?: ConfigReader,
): UploadSettings {
  const dir = options.dir ?? nonEmpty(config?.get('UPLOAD_DIR')) ?? DEFAULT_UPLOAD_SETTINGS.dir;
  const maxBytes =
    options.maxBytes ??
    numberOf(config?.get('UPLOAD_MAX_BYTES')) ??
    DEFAULT_UPLOAD_SETTINGS.maxBytes;
  const allowedTypes =
    options.allowedTypes ??
    listOf(config?.get('UPLOAD_ALLOWED_TYPES')) ??
    DEFAULT_UPLOAD_SETTINGS.allowedTypes;
  const catalogCacheSize = options.catalogCacheSize ?? DEFAULT_UPLOAD_SETTINGS.catalogCacheSize;
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 1) {
    throw new Error(`UPLOAD_MAX_BYTES must be a positive whole number, got ${String(maxBytes)}`);
  }
  if (
    allowedTypes.length === 0 ||
    allowedTypes.some((type) => !/^[a-z]+\/[a-z0-9.+-]+$/.test(type))
  ) {
    throw new Error(`UPLOAD_ALLOWED_TYPES must list media types, got ${allowedTypes.join(',')}`);
  }
  if (!Number.isSafeInteger(catalogCacheSize) || catalogCacheSize < 1) {
    throw new Error('catalogCacheSize must be a positive whole number');
  }
  return Object.freeze({
    dir,
    maxBytes,
    allowedTypes: Object.freeze([...allowedTypes]),
    catalogCacheSize,
  });
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim().length > 0 ? value.trim() : undefined;
}

function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  const text = nonEmpty(value);
  return text === undefined ? undefined : Number(text);
}

function listOf(value: unknown): readonly string[] | undefined {
  const items = Array.isArray(value)
    ? value.map(String)
    : (nonEmpty(value)?.split(',') ?? undefined);
  const cleaned = items?.map((item) => item.trim().toLowerCase()).filter((item) => item.length > 0);
  return cleaned === undefined || cleaned.length === 0 ? undefined : cleaned;
}
