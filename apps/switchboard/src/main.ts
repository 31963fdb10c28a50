import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EnvValidationError, loadEnv, type SwitchboardEnv } from '@switchboard/platform';
import { createSwitchboardApp } from './switchboard.app';

const SHUTDOWN_SIGNALS = ['SIGTERM', 'SIGINT'] as const;

async function main(): Promise<void> {
  let env: SwitchboardEnv;
  try {
    env = loadEnv();
  } catch (error) {
    // Before any logger exists (LOG_LEVEL itself may be the bad value): plain text for a human.
    if (!(error instanceof EnvValidationError)) throw error;
    process.stderr.write(`${error.message}\nSwitchboard did not start. See .env.example.\n`);
    process.exit(1);
  }

  const app = await createSwitchboardApp({ env });
  const logger = new Logger('Switchboard');

  // Nest's hooks: stop accepting, drain HTTP, close bus and event store, then exit(0).
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
  logger.log(
    `Listening on ${env.HOST ?? 'all interfaces'}, port ${port} ` +
      `(event store: ${env.EVENT_STORE}, bus: ${env.BUS}, NODE_ENV: ${env.NODE_ENV})`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Switchboard failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
