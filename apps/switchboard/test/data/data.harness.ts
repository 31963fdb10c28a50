import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AuthTokenService, CLOCK, type Clock, type Role, validateEnv } from '@switchboard/platform';
import { __resetOutOfContextForTests } from 'nestjs-pino/PinoLogger';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/switchboard.app';

export interface DataApi {
  readonly app: INestApplication;
  readonly server: Server;
  bearer(userId: string, role: Role): string;
  dispose(): Promise<void>;
}

/** A conversion window the scenario's orders fall well inside, whatever the app's default. */
export const TEST_CONVERSION_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * Switchboard (embedded adapters, temp files; the data module's options from the DATA_*
 * variables below) with a test clock.
 */
export async function startWithData(clock: Clock): Promise<DataApi> {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-data-'));
  const raw = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    SQLITE_FILENAME: join(dir, 'switchboard.db'),
    SHUTDOWN_TIMEOUT_MS: '2000',
    DATA_STORE: 'sqlite',
    DATA_SQLITE_FILENAME: join(dir, 'data.db'),
    DATA_CONVERSION_WINDOW_MS: String(TEST_CONVERSION_WINDOW_MS),
    DATA_METRICS_CACHE_MS: '0',
  };
  const env = validateEnv(raw);
  __resetOutOfContextForTests();
  const imports = [AppModule.forRoot({ env, logStream: { write: () => undefined } })];
  const moduleRef = await Test.createTestingModule({ imports })
    .overrideProvider(CLOCK)
    .useValue(clock)
    .compile();
  const app = configureApp(moduleRef.createNestApplication({ bufferLogs: true }));
  await app.listen(0, '127.0.0.1');
  const tokens = app.get(AuthTokenService);
  return {
    app,
    server: app.getHttpServer() as Server,
    bearer: (userId, role) => `Bearer ${tokens.sign({ userId, role })}`,
    dispose: async () => {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Polls until `check` stops throwing: the metrics follow the topics asynchronously. */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}
