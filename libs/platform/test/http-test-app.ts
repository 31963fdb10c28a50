import type { INestApplication, Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Logger } from 'nestjs-pino';
import { __resetOutOfContextForTests } from 'nestjs-pino/PinoLogger';
import { AuthModule } from '../src/auth/auth.module';
import { type RawEnv, validateEnv } from '../src/config/env.validation';
import { PlatformConfigModule } from '../src/config/platform-config.module';
import { setupOpenApi } from '../src/http/openapi';
import { PlatformHttpModule } from '../src/http/platform-http.module';
import { LoggingModule } from '../src/logging/logging.module';

export interface LogLine {
  readonly level: number;
  readonly msg?: string;
  readonly correlationId?: string;
  readonly err?: { readonly message?: string; readonly stack?: string };
  readonly [key: string]: unknown;
}

export interface HttpTestApp {
  readonly app: INestApplication;
  readonly logs: LogLine[];
}

/**
 * The HTTP layer of PlatformModule (config, logs, auth, validation, errors, OpenAPI) around
 * test-only controllers, without the event store and bus that /health needs.
 */
export async function startHttpTestApp(
  controllers: Type[],
  rawEnv: RawEnv = {},
): Promise<HttpTestApp> {
  const env = validateEnv({ NODE_ENV: 'test', LOG_LEVEL: 'info', ...rawEnv });
  const logs: LogLine[] = [];
  __resetOutOfContextForTests();
  const moduleRef = await Test.createTestingModule({
    imports: [
      PlatformConfigModule.forRoot(env),
      LoggingModule.forRoot({
        stream: { write: (line: string) => void logs.push(JSON.parse(line) as LogLine) },
      }),
      PlatformHttpModule,
      AuthModule.forRoot(env),
    ],
    controllers,
  }).compile();
  const app = moduleRef.createNestApplication({ bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.flushLogs();
  setupOpenApi(app);
  await app.init();
  return { app, logs };
}
