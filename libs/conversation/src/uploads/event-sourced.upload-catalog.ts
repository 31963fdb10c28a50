import { Inject, Injectable } from '@nestjs/common';
import { fold } from '@switchboard/es-core';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@switchboard/event-store';
import { type UploadEvent, uploadDecider, uploadStreamId } from './domain/upload.decider';
import { type UploadCatalog, type UploadRecord } from './upload.ports';
import { UPLOAD_SETTINGS, type UploadSettings } from './upload.settings';

/** Upload ids are UUIDs (minted by StoreUploadHandler); anything else is simply unknown. */
const UPLOAD_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * UPLOAD_CATALOG: folds `upload-<id>` streams. Records never change once stored, so found
 * ones are cached (bounded LRU) with no invalidation; misses are not cached, as the upload
 * may be stored a moment later.
 */
@Injectable()
export class EventSourcedUploadCatalog implements UploadCatalog {
  private readonly cache = new Map<string, UploadRecord>();
  private readonly capacity: number;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(UPLOAD_SETTINGS) settings: Pick<UploadSettings, 'catalogCacheSize'>,
  ) {
    this.capacity = settings.catalogCacheSize;
  }

  async find(uploadId: string): Promise<UploadRecord | undefined> {
    if (typeof uploadId !== 'string' || !UPLOAD_ID.test(uploadId)) return undefined;
    const id = uploadId.toLowerCase();
    const cached = this.cache.get(id);
    if (cached !== undefined) {
      // Re-insert: a Map iterates in insertion order, so the first key is the least recent.
      this.cache.delete(id);
      this.cache.set(id, cached);
      return cached;
    }
    const history = await this.store.readStream(uploadStreamId(id));
    const state = fold(uploadDecider, history.map(toUploadEvent));
    if (state.status !== 'stored') return undefined;
    const { uploadId: recordId, uploaderId, name, mime, size, sha256, at } = state.upload;
    const record: UploadRecord = {
      id: recordId,
      uploaderId,
      name,
      mime,
      size,
      sha256,
      createdAt: at,
    };
    this.remember(id, record);
    return record;
  }

  /** How many records the cache holds now (for tests of the bound). */
  get cachedCount(): number {
    return this.cache.size;
  }

  private remember(id: string, record: UploadRecord): void {
    this.cache.set(id, record);
    if (this.cache.size > this.capacity) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
  }
}

/** Only v1 exists; a v2 would be upcast here (STYLE rule 5). */
function toUploadEvent(recorded: RecordedEvent): UploadEvent {
  const version = typeof recorded.metadata.version === 'number' ? recorded.metadata.version : 1;
  return { type: recorded.type, version, data: recorded.data } as UploadEvent;
}
