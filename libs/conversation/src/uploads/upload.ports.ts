import { type AuthUser } from '@switchboard/platform';

/** A stored upload, as the messaging context refers to it from image/file messages. */
export interface UploadRecord {
  readonly id: string;
  readonly uploaderId: string;
  /** Display name, sanitised; never used as a path. */
  readonly name: string;
  /** Detected from the bytes against the allow-list. */
  readonly mime: string;
  readonly size: number;
  /** Hex SHA-256 of the bytes: the BlobStore key. */
  readonly sha256: string;
  readonly createdAt: string;
}

/** Finds uploads by id (the upload context implements it; PostMessage uses it). */
export interface UploadCatalog {
  find(uploadId: string): Promise<UploadRecord | undefined>;
}

export const UPLOAD_CATALOG = Symbol('UploadCatalog');

/**
 * Whether `actor` may download an upload besides its uploader: a member of a conversation
 * holding a message with that attachment (staff-only internal notes excluded for customers).
 * The conversation context implements it; the download route uses it.
 */
export interface AttachmentAccess {
  canRead(actor: AuthUser, uploadId: string): Promise<boolean>;
}

export const ATTACHMENT_ACCESS = Symbol('AttachmentAccess');
