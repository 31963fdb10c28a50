import { handleCommand } from '@switchboard/es-core';
import { type EventStore } from '@switchboard/event-store';
import { SqliteEventStore } from '@switchboard/event-store/sqlite/sqlite.event-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uploadDecider, uploadStreamId } from '../../src/uploads/domain/upload.decider';
import { EventSourcedUploadCatalog } from '../../src/uploads/event-sourced.upload-catalog';
import { resolveUploadSettings } from '../../src/uploads/upload.settings';

const ids = Array.from({ length: 5 }, (_, i) => `1f0e5a3c-0000-4000-8000-00000000000${i}`);

/** Counts stream reads, to see what the cache saves. */
function counting(store: EventStore): { store: EventStore; reads: () => number } {
  let reads = 0;
  const proxy = Object.create(store) as EventStore;
  proxy.readStream = (...args) => {
    reads++;
    return store.readStream(...args);
  };
  return { store: proxy, reads: () => reads };
}

describe('EventSourcedUploadCatalog', () => {
  let dir: string;
  let store: EventStore;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'switchboard-catalog-'));
    store = await SqliteEventStore.open({ filename: join(dir, 'events.db') });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const storeUpload = (uploadId: string, name = 'a.png') =>
    handleCommand(store, uploadStreamId(uploadId), uploadDecider, {
      type: 'StoreUpload',
      data: {
        uploadId,
        uploaderId: 'customer-1',
        name,
        mime: 'image/png',
        size: 10,
        sha256: 'b'.repeat(64),
      },
      metadata: { commandId: `command-${uploadId}`, now: new Date('2026-05-01T00:00:00Z') },
    });

  it('finds stored uploads as UploadRecords and answers undefined for unknown or malformed ids', async () => {
    await storeUpload(ids[0], 'ticket.pdf');
    const catalog = new EventSourcedUploadCatalog(store, { catalogCacheSize: 10 });
    expect(await catalog.find(ids[0])).toEqual({
      id: ids[0],
      uploaderId: 'customer-1',
      name: 'ticket.pdf',
      mime: 'image/png',
      size: 10,
      sha256: 'b'.repeat(64),
      createdAt: '2026-05-01T00:00:00.000Z',
    });
    expect(await catalog.find(ids[1])).toBeUndefined();
    for (const bad of ['', 'x', '../upload-x', `${ids[0]}-extra`]) {
      expect(await catalog.find(bad)).toBeUndefined();
    }
  });

  it('caches found records within its bound, least recently used out first, and never caches a miss', async () => {
    for (const id of ids.slice(0, 3)) await storeUpload(id);
    const { store: watched, reads } = counting(store);
    const catalog = new EventSourcedUploadCatalog(watched, { catalogCacheSize: 2 });
    await catalog.find(ids[0]);
    await catalog.find(ids[1]);
    await catalog.find(ids[0]); // cached; ids[0] becomes most recent
    expect(reads()).toBe(2);
    await catalog.find(ids[2]); // evicts ids[1]
    expect(catalog.cachedCount).toBe(2);
    await catalog.find(ids[0]);
    expect(reads()).toBe(3);
    await catalog.find(ids[1]);
    expect(reads()).toBe(4);

    expect(await catalog.find(ids[3])).toBeUndefined();
    await storeUpload(ids[3]);
    expect((await catalog.find(ids[3]))?.id).toBe(ids[3]);
  });
});

describe('resolveUploadSettings', () => {
  const config = (values: Record<string, unknown>) => ({
    get: <T>(key: string) => values[key] as T | undefined,
  });

  it('takes options, then UPLOAD_* config, then defaults', () => {
    expect(resolveUploadSettings()).toMatchObject({
      dir: './data/uploads',
      maxBytes: 10 * 1024 * 1024,
      allowedTypes: ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf'],
    });
    const fromConfig = config({
      UPLOAD_DIR: '/var/uploads',
      UPLOAD_MAX_BYTES: '2048',
      UPLOAD_ALLOWED_TYPES: ' image/png, Text/Plain ,',
    });
    expect(resolveUploadSettings({}, fromConfig)).toMatchObject({
      dir: '/var/uploads',
      maxBytes: 2048,
      allowedTypes: ['image/png', 'text/plain'],
    });
    expect(resolveUploadSettings({ maxBytes: 5 }, fromConfig).maxBytes).toBe(5);
  });

  it('fails at boot on nonsense rather than on a request', () => {
    expect(() => resolveUploadSettings({}, config({ UPLOAD_MAX_BYTES: 'lots' }))).toThrow(
      /UPLOAD_MAX_BYTES/,
    );
    expect(() => resolveUploadSettings({ maxBytes: 0 })).toThrow(/UPLOAD_MAX_BYTES/);
    expect(() => resolveUploadSettings({ allowedTypes: ['png'] })).toThrow(/UPLOAD_ALLOWED_TYPES/);
  });
});
