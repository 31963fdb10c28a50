import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AuthTokenService, type Role, validateEnv } from '@switchboard/platform';
import { __resetOutOfContextForTests } from 'nestjs-pino/PinoLogger';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/switchboard.app';

export interface Pipeline {
  readonly app: INestApplication;
  readonly server: Server;
  bearer(userId: string, role: Role): string;
  id(prefix: string): string;
  dispose(): Promise<void>;
}

/**
 * The whole of Switchboard (embedded adapters, temp SQLite file) with the data service's
 * projector and the user module: REST writes travel relay → bus → projector → fact store and
 * come back through the user routes.
 */
export async function startPipeline(): Promise<Pipeline> {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-user-'));
  const env = validateEnv({
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    SQLITE_FILENAME: join(dir, 'switchboard.db'),
    SHUTDOWN_TIMEOUT_MS: '2000',
  });
  __resetOutOfContextForTests();
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule.forRoot({ env, logStream: { write: () => undefined } })],
  }).compile();
  const nest = configureApp(moduleRef.createNestApplication({ bufferLogs: true }));
  await nest.listen(0, '127.0.0.1');
  const tokens = nest.get(AuthTokenService);
  return {
    app: nest,
    server: nest.getHttpServer() as Server,
    bearer: (userId, role) => `Bearer ${tokens.sign({ userId, role })}`,
    id: (prefix) => `${prefix}-${randomUUID().slice(0, 8)}`,
    dispose: async () => {
      await nest.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Polls until `check` stops throwing: the read model follows the log asynchronously. */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 5000): Promise<T> {
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
