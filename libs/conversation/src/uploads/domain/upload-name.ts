import { DomainError } from '@switchboard/es-core';

/** Longest display name kept, in characters (most filesystems cap a name at 255 bytes). */
export const MAX_UPLOAD_NAME_LENGTH = 255;

// C0 and C1 control characters, DEL, and the bidirectional overrides and isolates that make
// "invoice\u202Efdp.exe" display as "invoiceexe.pdf".
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const WINDOWS_DRIVE = /^[A-Za-z]:/;

/**
 * The display name of an upload, or a DomainError `UPLOAD_NAME_INVALID`.
 *
 * The name is only ever shown (and offered back in Content-Disposition); blobs are stored
 * under their hash. Still, a name that carries a path (`../../etc/passwd`, `a/b.png`,
 * `..\\x.png`, `C:x`) is a client probing for traversal: the issue asks that it be rejected,
 * not quietly reduced to its basename.
 */
export function validateUploadName(raw: unknown): string {
  if (typeof raw !== 'string') throw invalidName('The file has no name');
  const name = raw.normalize('NFC').trim();
  if (name.length === 0) throw invalidName('The file has no name');
  if (name.length > MAX_UPLOAD_NAME_LENGTH) {
    throw invalidName(`The file name is longer than ${MAX_UPLOAD_NAME_LENGTH} characters`);
  }
  if (FORBIDDEN_CHARACTERS.test(name)) {
    throw invalidName('The file name contains control or direction-override characters');
  }
  if (name.includes('/') || name.includes('\\') || WINDOWS_DRIVE.test(name)) {
    throw invalidName('The file name must not contain a path');
  }
  if (name.includes('..')) throw invalidName('The file name must not contain ".."');
  return name;
}

function invalidName(message: string): DomainError {
  return new DomainError('UPLOAD_NAME_INVALID', message, 'invalid_command');
}
