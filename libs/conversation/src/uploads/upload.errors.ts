import {
  BadRequestException,
  PayloadTooLargeException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { DomainError } from '@switchboard/es-core';

/*
 * DomainError has no kind for 413 or 415, so those two are HttpExceptions whose body carries
 * the code: the global filter keeps a body's own `code` (error-payload.ts, fromHttpException).
 */

export function uploadTooLarge(maxBytes: number): PayloadTooLargeException {
  return new PayloadTooLargeException({
    code: 'UPLOAD_TOO_LARGE',
    message: `The file is larger than ${maxBytes} bytes`,
  });
}

export function uploadTypeNotAllowed(allowed: readonly string[]): UnsupportedMediaTypeException {
  return new UnsupportedMediaTypeException({
    code: 'UPLOAD_TYPE_NOT_ALLOWED',
    message: `The file's content is not one of the allowed types: ${allowed.join(', ')}`,
  });
}

/** A multipart body the parser refused (bad boundary, truncated part, extra file or field). */
export function uploadMalformed(detail: string): BadRequestException {
  return new BadRequestException({
    code: 'UPLOAD_MALFORMED',
    message: `The upload is not a valid multipart/form-data body with one "file": ${detail}`,
  });
}

export function uploadFileMissing(): DomainError {
  return new DomainError(
    'UPLOAD_FILE_MISSING',
    'Send the file as multipart/form-data in the field "file"',
    'invalid_command',
  );
}

export function uploadEmpty(): DomainError {
  return new DomainError('UPLOAD_EMPTY', 'The file is empty', 'invalid_command');
}

/** Unknown ids and uploads the caller may not read look the same: existence is not revealed. */
export function uploadNotFound(): DomainError {
  return new DomainError('UPLOAD_NOT_FOUND', 'No such upload', 'not_found');
}
