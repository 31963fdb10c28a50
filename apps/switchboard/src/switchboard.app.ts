import type { INestApplication } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { ioOptionsFromEnv, SwitchboardIoAdapter } from '@switchboard/gateway';
import { type PlatformOptions, setupOpenApi, type SwitchboardEnv } from '@switchboard/platform';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { serveWebUi } from './web-ui';

/** Everything main.ts does to an app besides listening; tests apply it to their apps too. */
export function configureApp(app: INestApplication): INestApplication {
  app.useLogger(app.get(Logger));
  app.flushLogs();
  // Validation, errors and auth are providers of PlatformModule; OpenAPI needs the app itself.
  setupOpenApi(app);
  // socket.io on the HTTP server, with the browser origins and heartbeat the environment sets.
  const config = app.get<ConfigService<SwitchboardEnv, true>>(ConfigService);
  const io = ioOptionsFromEnv({
    GATEWAY_CORS_ORIGIN: config.get('GATEWAY_CORS_ORIGIN', { infer: true }),
    GATEWAY_PING_INTERVAL_MS: config.get('GATEWAY_PING_INTERVAL_MS', { infer: true }),
    GATEWAY_PING_TIMEOUT_MS: config.get('GATEWAY_PING_TIMEOUT_MS', { infer: true }),
  });
  app.useWebSocketAdapter(new SwitchboardIoAdapter(app, io));
  // Behind a trusted proxy, client IPs (allocation by IP hash, registry rows) come from
  // X-Forwarded-For.
  if (config.get('GATEWAY_TRUST_PROXY', { infer: true })) {
    (app.getHttpAdapter().getInstance() as { set(key: string, value: unknown): void }).set(
      'trust proxy',
      true,
    );
  }
  serveWebUi(app, config.get('WEB_DIR', { infer: true }));
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
