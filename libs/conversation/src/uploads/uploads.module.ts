import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { MulterModule } from '@nestjs/platform-express';
import { memoryStorage } from 'multer';
import { BLOB_STORE, type BlobStore } from './blob-store.port';
import { DiskBlobStore } from './disk.blob-store';
import { EventSourcedUploadCatalog } from './event-sourced.upload-catalog';
import { StoreUploadHandler } from './store-upload.handler';
import { UploadAccessPolicy } from './upload-access.policy';
import { UploadErrorsInterceptor } from './upload-errors.interceptor';
import { UPLOAD_CATALOG } from './upload.ports';
import { resolveUploadSettings, UPLOAD_SETTINGS, type UploadSettings } from './upload.settings';
import { UploadsController } from './uploads.controller';

export interface UploadsModuleOptions extends Partial<UploadSettings> {
  /** Another BlobStore adapter (tests, S3 later); default: DiskBlobStore at `dir`. */
  readonly blobStore?: BlobStore;
}

const OPTIONAL_CONFIG = { token: ConfigService, optional: true } as const;

/**
 * Uploads: `POST /v1/uploads`, `GET /v1/uploads/:id` (the bytes) and `GET /v1/uploads/:id/meta`,
 * the BlobStore (disk) and the UploadCatalog that PostMessage uses to check attachment ids.
 *
 * Settings: explicit options, else UPLOAD_DIR (./data/uploads), UPLOAD_MAX_BYTES (10 MiB) and
 * UPLOAD_ALLOWED_TYPES (png, jpeg, gif, webp, pdf) from ConfigService.
 *
 * Needs, from the app: EVENT_STORE (EventStoreModule) and PlatformModule (CLOCK, auth,
 * errors). ATTACHMENT_ACCESS is looked up app-wide when present (the conversation module);
 * without it only uploaders, supervisors and admins can download.
 *
 * Exports UPLOAD_CATALOG, BLOB_STORE and UPLOAD_SETTINGS.
 */
@Module({})
export class UploadsModule {
  static forRoot(options: UploadsModuleOptions = {}): DynamicModule {
    const { blobStore, ...settings } = options;
    const resolve = (config?: ConfigService) => resolveUploadSettings(settings, config);
    return {
      module: UploadsModule,
      imports: [
        MulterModule.registerAsync({
          inject: [OPTIONAL_CONFIG],
          useFactory: (config?: ConfigService) => {
            const { maxBytes } = resolve(config);
            return {
              storage: memoryStorage(),
              // Keep "../x" as sent so it can be refused; busboy would cut it to "x" silently.
              preservePath: true,
              defParamCharset: 'utf8',
              limits: { fileSize: maxBytes, files: 1, fields: 5, parts: 6, fieldSize: 4096 },
            };
          },
        }),
      ],
      controllers: [UploadsController],
      providers: [
        { provide: UPLOAD_SETTINGS, inject: [OPTIONAL_CONFIG], useFactory: resolve },
        {
          provide: BLOB_STORE,
          inject: [UPLOAD_SETTINGS],
          useFactory: (resolved: UploadSettings): Promise<BlobStore> | BlobStore =>
            blobStore ?? DiskBlobStore.open({ root: resolved.dir }),
        },
        { provide: UPLOAD_CATALOG, useClass: EventSourcedUploadCatalog },
        StoreUploadHandler,
        UploadAccessPolicy,
        UploadErrorsInterceptor,
      ],
      exports: [UPLOAD_CATALOG, BLOB_STORE, UPLOAD_SETTINGS],
    };
  }
}
