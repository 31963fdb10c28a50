import { type DynamicModule, type INestApplication, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { BusModule } from '@switchboard/bus';
import { EVENT_STORE, type EventStore, EventStoreModule } from '@switchboard/event-store';
import {
  type AuthUser,
  AuthTokenService,
  DEV_JWT_SECRET,
  PlatformModule,
  setupOpenApi,
  validateEnv,
} from '@switchboard/platform';
import { Logger } from 'nestjs-pino';
import { __resetOutOfContextForTests } from 'nestjs-pino/PinoLogger';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ATTACHMENT_ACCESS, type AttachmentAccess } from '../../src/uploads/upload.ports';
import { UploadsModule, type UploadsModuleOptions } from '../../src/uploads/uploads.module';

export interface UploadsApp {
  readonly app: INestApplication;
  readonly server: ReturnType<INestApplication['getHttpServer']>;
  readonly store: EventStore;
  readonly blobDir: string;
  /** Log lines at warn level and above (unexpected errors are logged at error). */
  readonly logs: { level: number; msg?: string }[];
  bearer(user: AuthUser): string;
  /** Every file under the blob directory, temp files included. */
  listBlobFiles(): string[];
  /** Every event in an `upload-*` stream. */
  uploadEvents(): Promise<{ type: string; data: unknown }[]>;
  dispose(): Promise<void>;
}

export interface UploadsAppOptions extends UploadsModuleOptions {
  /** Provided by a separate, non-global module, as the conversation module will. */
  readonly attachmentAccess?: AttachmentAccess;
}

const tokens = new AuthTokenService({ secret: DEV_JWT_SECRET, ttlSeconds: 3_600 });

/** Platform + SQLite event store + in-memory bus + UploadsModule, on a temp directory. */
export async function startUploadsApp(options: UploadsAppOptions = {}): Promise<UploadsApp> {
  const { attachmentAccess, ...uploadOptions } = options;
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-uploads-'));
  const blobDir = join(dir, 'blobs');
  const env = validateEnv({
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    SQLITE_FILENAME: join(dir, 'events.db'),
    SHUTDOWN_TIMEOUT_MS: '2000',
  });
  const logs: { level: number; msg?: string }[] = [];
  __resetOutOfContextForTests();
  const moduleRef = await Test.createTestingModule({
    imports: [
      PlatformModule.forRoot({
        env,
        logStream: { write: (line: string) => void logs.push(JSON.parse(line)) },
      }),
      EventStoreModule.forRootAsync(),
      BusModule.forRootAsync(),
      UploadsModule.forRoot({ dir: blobDir, ...uploadOptions }),
      ...(attachmentAccess === undefined
        ? []
        : [FakeAttachmentAccessModule.with(attachmentAccess)]),
    ],
  }).compile();
  const app = moduleRef.createNestApplication({ bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.flushLogs();
  setupOpenApi(app);
  await app.init();
  const store = app.get<EventStore>(EVENT_STORE);
  return {
    app,
    server: app.getHttpServer(),
    store,
    blobDir,
    logs,
    bearer: (user) => `Bearer ${tokens.sign(user)}`,
    listBlobFiles: () =>
      existsSync(blobDir)
        ? readdirSync(blobDir, { recursive: true, withFileTypes: true })
            .filter((entry) => entry.isFile())
            .map((entry) => relative(blobDir, join(entry.parentPath, entry.name)))
            .sort()
        : [],
    uploadEvents: async () =>
      (await store.readAll({ filter: { streamPrefixes: ['upload-'] } })).map(({ type, data }) => ({
        type,
        data,
      })),
    dispose: async () => {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

@Module({})
class FakeAttachmentAccessModule {
  static with(access: AttachmentAccess): DynamicModule {
    return {
      module: FakeAttachmentAccessModule,
      providers: [{ provide: ATTACHMENT_ACCESS, useValue: access }],
      exports: [ATTACHMENT_ACCESS],
    };
  }
}

export interface MultipartPart {
  readonly field?: string;
  /** Raw header value for filename, written as is (quotes and all); omit for a plain field. */
  readonly filename?: string;
  /** Extra Content-Disposition parameters, raw (e.g. `filename*=UTF-8''a.png`). */
  readonly extra?: string;
  readonly contentType?: string;
  readonly content: Buffer | string;
}

/** A multipart/form-data body built by hand, so names reach the server byte for byte. */
export function multipart(
  parts: readonly MultipartPart[],
  boundary = '----switchboard-test-boundary',
): { body: Buffer; contentType: string } {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = [
      'form-data',
      `name="${part.field ?? 'file'}"`,
      ...(part.filename === undefined ? [] : [`filename="${part.filename}"`]),
      ...(part.extra === undefined ? [] : [part.extra]),
    ].join('; ');
    const headers = [
      `--${boundary}`,
      `Content-Disposition: ${disposition}`,
      ...(part.contentType === undefined ? [] : [`Content-Type: ${part.contentType}`]),
    ];
    chunks.push(Buffer.from(`${headers.join('\r\n')}\r\n\r\n`, 'utf8'));
    chunks.push(Buffer.isBuffer(part.content) ? part.content : Buffer.from(part.content, 'utf8'));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** One file in the field "file". */
export function fileBody(
  filename: string,
  content: Buffer,
  contentType = 'application/octet-stream',
) {
  return multipart([{ filename, content, contentType }]);
}
