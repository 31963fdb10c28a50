/**
 * `attachment` with the name twice (RFC 6266): `filename*` in UTF-8 for current clients, and
 * a plain-ASCII `filename` fallback with anything risky replaced, for old ones. Names are
 * already validated (no control characters, no path), this only encodes.
 */
export function contentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeRfc5987(name)}`;
}

/** Percent-encodes everything but RFC 5987 attr-chars. */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
