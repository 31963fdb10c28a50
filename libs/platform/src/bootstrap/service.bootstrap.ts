import { type DynamicModule, type INestApplication, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Logger as PinoLogger } from 'nestjs-pino';
import type { SwitchboardEnv } from '../config/env.schema';
import { EnvValidationError, loadEnv } from '../config/env.validation';
import { setupOpenApi } from '../http/openapi';
import type { PlatformOptions } from '../platform.module';

/** One deployable (apps/im, apps/gateway...): its root module and what it adds to the app. */
export interface ServiceDefinition {
  /** For log lines: `im`, `gateway`... */
  readonly name: string;
  readonly module: (options: PlatformOptions) => DynamicModule;
  /** Serve the OpenAPI document at /docs (default true; a consumer-only process has no API). */
  readonly openApi?: boolean;
  /** What the "listening" log line says about the adapters. Default: store, bus, delivery, lease. */
  readonly describe?: (env: SwitchboardEnv) => string;
  /** Extra set-up after the platform's (e.g. the gateway's socket.io adapter). */
  readonly configure?: (app: INestApplication, env: SwitchboardEnv) => void;
}

const SHUTDOWN_SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/**
 * Creates (does not start) a service's app for a validated environment, set up as main.ts
 * runs it: pino logs, OpenAPI, `trust proxy` behind a trusted proxy (GATEWAY_TRUST_PROXY),
 * then the service's own `configure`. Tests create their apps with it too.
 */
export async function createServiceApp(
  service: ServiceDefinition,
  options: PlatformOptions,
): Promise<INestApplication> {
  const app = await NestFactory.create(service.module(options), {
    bufferLogs: true,
    // Throw instead of process.abort(): runService reports the cause and exits with code 1.
    abortOnError: false,
  });
  app.useLogger(app.get(PinoLogger));
  app.flushLogs();
  if (service.openApi !== false) setupOpenApi(app);
  if (options.env.GATEWAY_TRUST_PROXY) {
    (app.getHttpAdapter().getInstance() as { set(key: string, value: unknown): void }).set(
      'trust proxy',
      true,
    );
  }
  service.configure?.(app, options.env);
  return app;
}

/**
 * A service's main(): validates the environment (a bad one exits 1 with a message for a
 * human), starts the app, and on SIGTERM/SIGINT runs Nest's shutdown hooks (stop accepting,
 * drain HTTP, stop consumers and the relay, close adapters) within SHUTDOWN_TIMEOUT_MS, then
 * exits 0 (1 when the time ran out).
 */
export function runService(service: ServiceDefinition): void {
  start(service).catch((error: unknown) => {
    process.stderr.write(
      `${service.name} failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
    process.exit(1);
  });
}

async function start(service: ServiceDefinition): Promise<void> {
  let env: SwitchboardEnv;
  try {
    env = loadEnv();
  } catch (error) {
    if (!(error instanceof EnvValidationError)) throw error;
    process.stderr.write(`${error.message}\n${service.name} did not start. See .env.example.\n`);
    process.exit(1);
  }
  const app = await createServiceApp(service, { env });
  const logger = new Logger(service.name);
  app.enableShutdownHooks([...SHUTDOWN_SIGNALS], { useProcessExit: true });
  for (const signal of SHUTDOWN_SIGNALS) {
    process.once(signal, () => {
      logger.log(`${signal} received: shutting down within ${env.SHUTDOWN_TIMEOUT_MS} ms`);
      setTimeout(() => {
        logger.error(`Shutdown took over ${env.SHUTDOWN_TIMEOUT_MS} ms: exiting anyway`);
        process.exit(1);
      }, env.SHUTDOWN_TIMEOUT_MS).unref();
    });
  }
  if (env.HOST === undefined) await app.listen(env.PORT);
  else await app.listen(env.PORT, env.HOST);
  const { port } = (app.getHttpServer() as Server).address() as AddressInfo;
  const adapters =
    service.describe?.(env) ??
    `event store: ${env.EVENT_STORE}, bus: ${env.BUS}, delivery: ${env.DELIVERY_ADAPTER}, ` +
      `relay lease: ${env.RELAY_LEASE}`;
  logger.log(
    `${service.name} listening on ${env.HOST ?? 'all interfaces'}, port ${port} ` +
      `(${adapters}, NODE_ENV: ${env.NODE_ENV})`,
  );
}
