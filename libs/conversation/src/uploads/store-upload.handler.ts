import { Inject, Injectable } from '@nestjs/common';
import { DomainError, handleCommand } from '@switchboard/es-core';
import { EVENT_STORE, type EventStore } from '@switchboard/event-store';
import {
  CLOCK,
  type Clock,
  commandMetadata,
  type RequestContext,
  stableUuid,
} from '@switchboard/platform';
import { randomUUID } from 'node:crypto';
import { BLOB_STORE, type BlobStore } from './blob-store.port';
import { type StoreUpload, uploadDecider, uploadStreamId } from './domain/upload.decider';
import { validateUploadName } from './domain/upload-name';
import { detectMime } from './mime-detector';
import {
  uploadEmpty,
  uploadFileMissing,
  uploadTooLarge,
  uploadTypeNotAllowed,
} from './upload.errors';
import { UPLOAD_CATALOG, type UploadCatalog, type UploadRecord } from './upload.ports';
import { UPLOAD_SETTINGS, type UploadSettings } from './upload.settings';

/** The part of a multer file the upload route reads (memory storage). */
export interface ReceivedFile {
  readonly originalname: string;
  readonly buffer: Buffer;
  readonly size: number;
}

/**
 * POST /v1/uploads behind the HTTP edge: every check runs on the bytes in memory before
 * anything is written, then the blob is stored (content-addressed, idempotent) and the
 * upload recorded as `UploadStored`. A record failing after its blob was written leaves an
 * unreferenced blob, which is harmless: the same bytes reuse it, and nothing serves it.
 */
@Injectable()
export class StoreUploadHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
    @Inject(UPLOAD_CATALOG) private readonly catalog: UploadCatalog,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(UPLOAD_SETTINGS) private readonly settings: UploadSettings,
  ) {}

  async execute(context: RequestContext, file: ReceivedFile | undefined): Promise<UploadRecord> {
    if (file === undefined || !Buffer.isBuffer(file.buffer)) throw uploadFileMissing();
    const name = validateUploadName(file.originalname);
    // multer enforces the limit while receiving; this guards any other caller.
    if (file.buffer.length > this.settings.maxBytes) throw uploadTooLarge(this.settings.maxBytes);
    if (file.buffer.length === 0) throw uploadEmpty();
    const mime = await detectMime(file.buffer, this.settings.allowedTypes);
    if (mime === undefined || !this.settings.allowedTypes.includes(mime)) {
      throw uploadTypeNotAllowed(this.settings.allowedTypes);
    }

    const { userId } = context.actor;
    // With an Idempotency-Key a replay names the same upload, so it answers the first result.
    const uploadId =
      context.idempotencyKey === undefined
        ? randomUUID()
        : stableUuid('upload', userId, context.idempotencyKey);
    const { sha256, size } = await this.blobs.put(file.buffer);
    const command: StoreUpload = {
      type: 'StoreUpload',
      data: { uploadId, uploaderId: userId, name, mime, size, sha256 },
      metadata: commandMetadata(context, this.clock, `upload:${uploadId}`),
    };
    try {
      const { state } = await handleCommand(
        this.store,
        uploadStreamId(uploadId),
        uploadDecider,
        command,
      );
      if (state.status !== 'stored') throw new Error(`Upload ${uploadId} was not stored`);
      const { uploaderId, at } = state.upload;
      return { id: uploadId, uploaderId, name, mime, size, sha256, createdAt: at };
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'UPLOAD_ALREADY_STORED') throw error;
      return this.replay(uploadId, command.data, error);
    }
  }

  /** Same key, same file: the stored record. Same key, another file: the conflict stands. */
  private async replay(
    uploadId: string,
    data: StoreUpload['data'],
    conflict: DomainError,
  ): Promise<UploadRecord> {
    const existing = await this.catalog.find(uploadId);
    const same =
      existing !== undefined &&
      existing.uploaderId === data.uploaderId &&
      existing.sha256 === data.sha256 &&
      existing.name === data.name;
    if (!same) {
      throw new DomainError(
        'UPLOAD_IDEMPOTENCY_CONFLICT',
        'This Idempotency-Key was already used for a different upload',
        conflict.kind,
      );
    }
    return existing;
  }
}
