import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type PlatformOptions, setupOpenApi } from '@switchboard/platform';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';

/** Everything main.ts does to an app besides listening; tests apply it to their apps too. */
export function configureApp(app: INestApplication): INestApplication {
  app.useLogger(app.get(Logger));
  app.flushLogs();
  // Validation, errors and auth are providers of PlatformModule; OpenAPI needs the app itself.
  setupOpenApi(app);
  return app;
}

/** Creates (does not start) the Switchboard app for an already validated environment. */
export async function createSwitchboardApp(options: PlatformOptions): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forRoot(options), {
    bufferLogs: true,
    // Throw instead of process.abort(): main.ts reports the cause and exits with code 1.
    abortOnError: false,
  });
  return configureApp(app);
}
