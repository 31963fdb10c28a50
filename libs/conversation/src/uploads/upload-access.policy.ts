import { Inject, Injectable, Optional } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { type AuthUser } from '@switchboard/platform';
import { uploadNotFound } from './upload.errors';
import {
  ATTACHMENT_ACCESS,
  type AttachmentAccess,
  UPLOAD_CATALOG,
  type UploadCatalog,
  type UploadRecord,
} from './upload.ports';

/** Roles that may read every upload (moderation, disputes). Agents go through membership. */
const READ_ALL_ROLES: ReadonlySet<string> = new Set(['supervisor', 'admin']);

/**
 * Who may download an upload: its uploader, supervisors and admins, and whoever
 * ATTACHMENT_ACCESS (the conversation context: members of a conversation that holds the
 * attachment) says yes for. Everyone else gets the same 404 as for an unknown id.
 */
@Injectable()
export class UploadAccessPolicy {
  private attachmentAccess: AttachmentAccess | undefined;

  constructor(
    @Inject(UPLOAD_CATALOG) private readonly catalog: UploadCatalog,
    private readonly moduleRef: ModuleRef,
    @Optional() @Inject(ATTACHMENT_ACCESS) injected?: AttachmentAccess,
  ) {
    this.attachmentAccess = injected;
  }

  /** The record, when `actor` may read it; throws UPLOAD_NOT_FOUND otherwise. */
  async readable(actor: AuthUser, uploadId: string): Promise<UploadRecord> {
    const record = await this.catalog.find(uploadId);
    if (record === undefined) throw uploadNotFound();
    if (record.uploaderId === actor.userId || READ_ALL_ROLES.has(actor.role)) return record;
    const access = this.access();
    if (access !== undefined && (await access.canRead(actor, record.id))) return record;
    throw uploadNotFound();
  }

  /**
   * The conversation module provides ATTACHMENT_ACCESS and imports this one (for
   * UPLOAD_CATALOG), so this module cannot import it back: look it up app-wide on first use.
   */
  private access(): AttachmentAccess | undefined {
    if (this.attachmentAccess === undefined) {
      try {
        this.attachmentAccess = this.moduleRef.get<AttachmentAccess>(ATTACHMENT_ACCESS, {
          strict: false,
        });
      } catch {
        return undefined;
      }
    }
    return this.attachmentAccess;
  }
}
