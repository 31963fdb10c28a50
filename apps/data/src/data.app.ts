import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type PlatformOptions, setupOpenApi } from '@switchboard/platform';
import { Logger } from 'nestjs-pino';
import { DataAppModule } from './data.app.module';

/** Everything main.ts does to the app besides listening; tests apply it to their apps too. */
export function configureDataApp(app: INestApplication): INestApplication {
  app.useLogger(app.get(Logger));
  app.flushLogs();
  setupOpenApi(app);
  return app;
}

/** Creates (does not start) the data app for an already validated environment. */
export async function createDataApp(options: PlatformOptions): Promise<INestApplication> {
  const app = await NestFactory.create(DataAppModule.forRoot(options), {
    bufferLogs: true,
    abortOnError: false,
  });
  return configureDataApp(app);
}
