import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DataModule } from '@switchboard/data/infrastructure/data.module';
import { AuthTokenService, type Role, validateEnv } from '@switchboard/platform';
import { UserModule } from '@switchboard/user';
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

type Imported = NonNullable<DynamicModule['imports']>[number];

const isModule = (entry: Imported, module: Type): boolean =>
  entry === module ||
  (typeof entry === 'object' && entry !== null && 'module' in entry && entry.module === module);

/**
 * The whole of Switchboard (embedded adapters, temp SQLite file) with the data service's
 * projector and the user module: REST writes travel relay → bus → projector → fact store and
 * come back through the user routes. The app module gets the data and user modules added only
 * if it does not import them itself yet, so this works before and after they are wired in.
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
  const app = AppModule.forRoot({ env, logStream: { write: () => undefined } });
  const imports = app.imports ?? [];
  const missing: Imported[] = [];
  if (!imports.some((entry) => isModule(entry, DataModule))) {
    missing.push(
      DataModule.forRoot({
        store: { kind: 'memory' },
        conversionWindowMs: 86_400_000,
        projector: true,
        orders: false,
      }),
    );
  }
  if (!imports.some((entry) => isModule(entry, UserModule))) missing.push(UserModule);
  const moduleRef = await Test.createTestingModule({
    imports: [{ ...app, imports: [...imports, ...missing] }],
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
