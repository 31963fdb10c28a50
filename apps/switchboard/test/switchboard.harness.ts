import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { validateEnv, type RawEnv } from '@switchboard/platform';
import { __resetOutOfContextForTests } from 'nestjs-pino/PinoLogger';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppModule } from '../src/app.module';
import { configureApp } from '../src/switchboard.app';

export interface LogLine {
  readonly level: number;
  readonly msg?: string;
  readonly correlationId?: string;
  readonly context?: string;
  readonly [key: string]: unknown;
}

export interface Harness {
  readonly app: INestApplication;
  readonly logs: LogLine[];
  /** Closes the app (if the test did not) and removes the temp directory. */
  dispose(): Promise<void>;
}

export interface HarnessOptions {
  readonly env?: RawEnv;
  /** Adjust the testing module before compiling, e.g. to override a provider. */
  readonly override?: (builder: ReturnType<typeof Test.createTestingModule>) => void;
  readonly controllers?: NonNullable<Parameters<typeof Test.createTestingModule>[0]['controllers']>;
}

/** Boots Switchboard as main.ts does (embedded adapters, temp SQLite file), on port 0. */
export async function startSwitchboard(options: HarnessOptions = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-app-'));
  const logs: LogLine[] = [];
  const env = validateEnv({
    NODE_ENV: 'test',
    LOG_LEVEL: 'debug',
    SQLITE_FILENAME: join(dir, 'nested', 'switchboard.db'),
    SHUTDOWN_TIMEOUT_MS: '2000',
    WEB_DIR: 'off',
    ...options.env,
  });
  // nestjs-pino keeps ONE out-of-request logger per process, made by the first app: reset it so
  // this app's start-up and shutdown lines reach this app's stream. (Apps started at the same
  // time share the last one's.)
  __resetOutOfContextForTests();
  const logStream = { write: (line: string) => void logs.push(JSON.parse(line) as LogLine) };
  const builder = Test.createTestingModule({
    imports: [AppModule.forRoot({ env, logStream })],
    controllers: options.controllers ?? [],
  });
  options.override?.(builder);
  const moduleRef = await builder.compile();
  const app = configureApp(moduleRef.createNestApplication({ bufferLogs: true }));
  await app.listen(0, '127.0.0.1');
  let closed = false;
  const close = app.close.bind(app);
  app.close = async (...args: Parameters<INestApplication['close']>) => {
    closed = true;
    await close(...args);
  };
  return {
    app,
    logs,
    dispose: async () => {
      if (!closed) await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Polls until `check` stops throwing (read models follow the log asynchronously). */
export { eventually } from '@switchboard/testing';
