import { eventually as eventuallyPassing } from '@switchboard/testing';
import { type DynamicModule, type INestApplication, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { Test } from '@nestjs/testing';
import { BUS, type Bus, BusModule } from '@switchboard/bus';
import { EVENT_STORE, type EventStore, EventStoreModule } from '@switchboard/event-store';
import {
  AuthTokenService,
  PlatformModule,
  type Role,
  setupOpenApi,
  validateEnv,
} from '@switchboard/platform';
import { RelayModule } from '@switchboard/relay';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ConversationModuleWiring } from '../../src/application/command-context/conversation.options';
import { ConversationsProjection } from '../../src/application/conversations-view/conversations.projection';
import { ConversationModule } from '../../src/infrastructure/conversation.module';
import { UPLOAD_CATALOG } from '../../src/uploads/upload.ports';
import { FakeUploadCatalog } from './conversation.fixture';

@Module({})
class FakeUploadsModule {
  static forRoot(catalog: FakeUploadCatalog): DynamicModule {
    return {
      module: FakeUploadsModule,
      providers: [{ provide: UPLOAD_CATALOG, useValue: catalog }],
      exports: [UPLOAD_CATALOG],
    };
  }
}

export interface ConversationApp {
  readonly app: INestApplication;
  readonly server: Server;
  readonly store: EventStore;
  readonly bus: Bus;
  readonly projection: ConversationsProjection;
  readonly uploads: FakeUploadCatalog;
  bearer(userId: string, role?: Role): string;
  dispose(): Promise<void>;
}

/**
 * The messaging context as the app will run it (platform, SQLite store in a temp dir,
 * in-process bus, relay, CQRS), without apps/switchboard, which does not wire it yet.
 */
export async function startConversationApp(
  wiring: Omit<ConversationModuleWiring, 'imports'> = {},
): Promise<ConversationApp> {
  const dir = mkdtempSync(join(tmpdir(), 'conversation-app-'));
  const env = validateEnv({
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    SQLITE_FILENAME: join(dir, 'switchboard.db'),
  });
  const uploads = new FakeUploadCatalog();
  const moduleRef = await Test.createTestingModule({
    imports: [
      PlatformModule.forRoot({ env, logStream: { write: () => undefined } }),
      EventStoreModule.forRootAsync(),
      BusModule.forRootAsync(),
      RelayModule.forRootAsync(),
      CqrsModule.forRoot(),
      ConversationModule.forRoot({ ...wiring, imports: [FakeUploadsModule.forRoot(uploads)] }),
    ],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  setupOpenApi(app);
  await app.listen(0, '127.0.0.1');
  const tokens = app.get(AuthTokenService);
  return {
    app,
    server: app.getHttpServer() as Server,
    store: app.get<EventStore>(EVENT_STORE),
    bus: app.get<Bus>(BUS),
    projection: app.get(ConversationsProjection),
    uploads,
    bearer: (userId, role = 'customer') => `Bearer ${tokens.sign({ userId, role })}`,
    async dispose() {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Retries `check` until it passes or 5 s pass (the read model follows the log). */
export const eventually = (check: () => Promise<void> | void, ms = 5000): Promise<void> =>
  eventuallyPassing(check, ms);
