/** The one function of `file-type` used; its package is ESM-only, so it is loaded lazily. */
type FileTypeFromBuffer = (
  buffer: Uint8Array,
) => Promise<{ readonly ext: string; readonly mime: string } | undefined>;

let loader: Promise<FileTypeFromBuffer> | undefined;

function fileTypeFromBuffer(): Promise<FileTypeFromBuffer> {
  // Compiled to CommonJS this is a require() of an ES module, which Node 20.19+ supports.
  loader ??= import('file-type').then((module) => module.fileTypeFromBuffer as FileTypeFromBuffer);
  return loader;
}

/**
 * The media type of `bytes`, from their magic numbers (never from the name or the client's
 * Content-Type), or `undefined` when nothing is recognised.
 *
 * Plain text has no magic number: when `text/plain` is allowed, bytes that `file-type` does
 * not recognise count as text only if they decode as strict UTF-8 with no control characters
 * other than tab, line feed, form feed and carriage return.
 */
export async function detectMime(
  bytes: Uint8Array,
  allowedTypes: readonly string[],
): Promise<string | undefined> {
  const detected = await (await fileTypeFromBuffer())(bytes);
  if (detected !== undefined) return detected.mime;
  if (allowedTypes.includes('text/plain') && isPlainText(bytes)) return 'text/plain';
  return undefined;
}

const decoder = new TextDecoder('utf-8', { fatal: true });
// eslint-disable-next-line no-control-regex
const BINARY_CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/;

function isPlainText(bytes: Uint8Array): boolean {
  if (bytes.length === 0) return false;
  try {
    return !BINARY_CONTROL.test(decoder.decode(bytes));
  } catch {
    return false;
  }
}
